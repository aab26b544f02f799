from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

QUEUE_CAP = 1000


class KzilAdminSite(admin.AdminSite):
    site_header = "kzil — Kazakhstan–Israel relations"
    site_title = "kzil admin"
    index_title = "Curation"

    def get_app_list(self, request, app_label=None):
        """Show how many claims wait for this reviewer next to the review queue."""
        from relations.models import ClaimInReview

        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                if model["object_name"] == "ClaimInReview":
                    # Counted up to a cap: this runs on every admin page, and an exact count of 70,000
                    # claims in review (at 1M claims) costs more than the rest of the page.
                    count = ClaimInReview.objects.reviewable_by(request.user).order_by()[:QUEUE_CAP].count()
                    model["name"] = f"Review queue ({count if count < QUEUE_CAP else f'{QUEUE_CAP - 1}+'})"
        return app_list


class KzilAdminConfig(AdminConfig):
    default_site = "kzil.admin_site.KzilAdminSite"
