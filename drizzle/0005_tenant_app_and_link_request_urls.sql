ALTER TABLE "tenants" ADD COLUMN "app_url" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "link_request_url" text;