CREATE TABLE "match_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"match_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"need_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"score" text,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"caseworker_id" uuid,
	"decline_reason" text,
	"outcome_note" text,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_ref_unique" UNIQUE("ref"),
	CONSTRAINT "matches_status_valid" CHECK ("matches"."status" in ('requested', 'proposed', 'accepted', 'declined', 'withdrawn', 'fulfilled', 'failed')),
	CONSTRAINT "matches_origin_valid" CHECK ("matches"."origin" in ('requested', 'proposed')),
	CONSTRAINT "matches_declined_has_reason" CHECK ("matches"."status" <> 'declined' or "matches"."decline_reason" is not null),
	CONSTRAINT "matches_finished_has_outcome" CHECK ("matches"."status" not in ('fulfilled', 'failed') or "matches"."outcome_note" is not null)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"match_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"href" text,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "offer_type" text DEFAULT 'service' NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_caseworker_id_users_id_fk" FOREIGN KEY ("caseworker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_events_match_idx" ON "match_events" USING btree ("match_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_open_pair_idx" ON "matches" USING btree ("need_id","offer_id") WHERE "matches"."status" in ('requested', 'proposed', 'accepted');--> statement-breakpoint
CREATE INDEX "matches_need_idx" ON "matches" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "matches_offer_idx" ON "matches" USING btree ("offer_id","status");--> statement-breakpoint
CREATE INDEX "matches_status_idx" ON "matches" USING btree ("status","status_changed_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
-- Offers that existed before types: the type follows from the organisation and the category.
UPDATE "offers" o SET "offer_type" = CASE
		WHEN org."kind" = 'government' THEN 'entitlement'
		WHEN o."category" = 'goods' THEN 'goods'
		WHEN o."category" = 'job' AND org."kind" = 'employer' THEN 'vacancy'
		WHEN o."category" = 'training' OR org."kind" = 'training' THEN 'course'
		WHEN o."amount" IS NOT NULL THEN 'grant'
		ELSE 'service' END
	FROM "organisations" org WHERE org."id" = o."organisation_id";--> statement-breakpoint
UPDATE "offers" SET "closed_reason" = 'closed' WHERE "status" = 'closed';--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_type_valid" CHECK ("offers"."offer_type" in ('vacancy', 'course', 'grant', 'service', 'entitlement', 'goods'));--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_closed_reason" CHECK (("offers"."status" = 'closed') = ("offers"."closed_reason" is not null));--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_closed_reason_valid" CHECK ("offers"."closed_reason" is null or "offers"."closed_reason" in ('closed', 'expired'));--> statement-breakpoint
-- A match's history is append-only: the database refuses to change or remove an event, whoever asks.
CREATE FUNCTION match_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'match_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER match_events_no_update_delete BEFORE UPDATE OR DELETE ON match_events FOR EACH ROW EXECUTE FUNCTION match_events_refuse_change();--> statement-breakpoint
CREATE TRIGGER match_events_no_truncate BEFORE TRUNCATE ON match_events FOR EACH STATEMENT EXECUTE FUNCTION match_events_refuse_change();