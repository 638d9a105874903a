CREATE TABLE "business_hours" (
	"id" serial PRIMARY KEY NOT NULL,
	"store_id" text COLLATE "C" NOT NULL,
	"day_of_week" smallint NOT NULL,
	"start_time" time(6) NOT NULL,
	"end_time" time(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"started_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp(6) with time zone,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_inserted" integer DEFAULT 0 NOT NULL,
	"rows_duplicate" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"store_id" text COLLATE "C" NOT NULL,
	"ts" timestamp(6) with time zone NOT NULL,
	"active" boolean NOT NULL,
	CONSTRAINT "polls_store_id_ts_pk" PRIMARY KEY("store_id","ts")
);
--> statement-breakpoint
CREATE TABLE "report_rows" (
	"report_id" uuid NOT NULL,
	"store_id" text COLLATE "C" NOT NULL,
	"uptime_hour_s" numeric(16, 7) NOT NULL,
	"uptime_day_s" numeric(16, 7) NOT NULL,
	"uptime_week_s" numeric(16, 7) NOT NULL,
	"downtime_hour_s" numeric(16, 7) NOT NULL,
	"downtime_day_s" numeric(16, 7) NOT NULL,
	"downtime_week_s" numeric(16, 7) NOT NULL,
	"business_day_s" numeric(16, 7) NOT NULL,
	"business_week_s" numeric(16, 7) NOT NULL,
	"observations" integer NOT NULL,
	CONSTRAINT "report_rows_report_id_store_id_pk" PRIMARY KEY("report_id","store_id")
);
--> statement-breakpoint
CREATE TABLE "report_shards" (
	"report_id" uuid NOT NULL,
	"shard" integer NOT NULL,
	"lo" text COLLATE "C" NOT NULL,
	"hi" text COLLATE "C" NOT NULL,
	"stores" integer NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	CONSTRAINT "report_shards_report_id_shard_pk" PRIMARY KEY("report_id","shard")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"as_of" timestamp(6) with time zone,
	"requested_as_of" timestamp(6) with time zone,
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp(6) with time zone,
	"finished_at" timestamp(6) with time zone,
	"stores_total" integer,
	"stores_done" integer DEFAULT 0 NOT NULL,
	"shard_count" integer,
	"runner" text DEFAULT 'in-process' NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "store_time_zones" (
	"store_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"time_zone" text,
	"raw_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"store_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"first_poll" timestamp(6) with time zone NOT NULL,
	"last_poll" timestamp(6) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_rows" ADD CONSTRAINT "report_rows_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_shards" ADD CONSTRAINT "report_shards_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "business_hours_store_idx" ON "business_hours" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "polls_ts_idx" ON "polls" USING btree ("ts");--> statement-breakpoint
CREATE INDEX "reports_created_idx" ON "reports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "stores_first_poll_idx" ON "stores" USING btree ("first_poll");