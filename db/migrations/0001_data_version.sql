CREATE TABLE "data_version" (
	"id" smallint PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_shards" ADD COLUMN "data_version" bigint;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "data_version" bigint;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "attempt" integer DEFAULT 0 NOT NULL;