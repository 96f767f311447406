DROP INDEX "cases_region_idx";--> statement-breakpoint
CREATE INDEX "audit_log_action_region_idx" ON "audit_log" USING btree ("action","region_code" text_pattern_ops,"occurred_at");--> statement-breakpoint
CREATE INDEX "cases_region_created_idx" ON "cases" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "needs_region_published_idx" ON "needs" USING btree ("region_code" text_pattern_ops,"published_at");