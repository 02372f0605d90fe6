"""An Atom feed per issue of the Bulletin: one item per entry published in it."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from hague_portal.hague.clock import GENEVA

from . import selectors
from .models import BulletinIssue

NOON = time(12)  # the Bulletin appears on Fridays at noon, Geneva time (BULL)


class IssueFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, year: int, number: int):
        try:
            return selectors.issue_get(year=year, number=number)
        except BulletinIssue.DoesNotExist as exc:
            raise Http404("No such issue.") from exc

    def title(self, issue):
        return _("International Designs Bulletin %(issue)s") % {"issue": issue.label}

    def link(self, issue):
        return reverse("bulletin-issue", args=[issue.year, issue.number])

    def subtitle(self, issue):
        return _("Issue of %(date)s") % {"date": issue.dated.isoformat()}

    def items(self, issue):
        return selectors.issue_entries(issue=issue)

    def item_title(self, entry):
        label = f"{entry.number}: {entry.get_kind_display()}"
        return f"{label} ({entry.party})" if entry.party else label

    def item_description(self, entry):
        products = "; ".join(d["product"] for d in entry.designs)
        return f"{entry.holder_name}. {products}. {', '.join(entry.parties)}"

    def item_link(self, entry):
        url = reverse("bulletin-registration", args=[selectors.number_slug(entry.number)])
        return f"{url}#entry-{entry.pk}"

    def item_pubdate(self, entry):
        return datetime.combine(entry.date, NOON, tzinfo=GENEVA)

    def item_updateddate(self, entry):
        return self.item_pubdate(entry)
