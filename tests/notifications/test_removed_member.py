"""A member removed from the firm loses the firm's notifications at once (issue 10: access ends
at once), not only the applications: the PDFs carry the clients' data."""

from hague_portal.accounts.models import FirmMembership
from hague_portal.notifications.selectors import inbox_for_user, unread_count
from hague_portal.notifications.services import firm_member_remove

from .conftest import notify


def test_a_removed_member_loses_the_firms_notifications_at_once(client, acme_filing, vera, fiona):
    notify(acme_filing)
    notice = notify(acme_filing, title="Registered")
    assert unread_count(user=vera) == 2
    firm_member_remove(membership=FirmMembership.objects.get(user=vera), by=fiona)
    assert unread_count(user=vera) == 0 and not inbox_for_user(user=vera).exists()
    client.force_login(vera)
    assert client.get(f"/inbox/{notice.pk}/").status_code == 404
    assert client.get(f"/inbox/{notice.pk}/pdf/").status_code == 404
    assert unread_count(user=fiona) == 2  # the others keep theirs
