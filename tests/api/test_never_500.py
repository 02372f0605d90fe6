"""Whatever JSON a client sends, the API answers 200 or 400, never a server error."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hague_portal.api.examples import EXAMPLE_APPLICATION

# Any code point, lone surrogates and NUL included (sent as JSON escapes, as a client would).
TEXT = st.text(st.characters(exclude_categories=()), max_size=5)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
CHANGES = st.dictionaries(st.sampled_from(sorted(EXAMPLE_APPLICATION)), JSON, max_size=3)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=CHANGES)
def test_a_mangled_document_answers_200_or_400(client, generous_rate_limit, changes):
    document = copy.deepcopy(EXAMPLE_APPLICATION) | changes

    for url in ("/api/v1/fees/", "/api/v1/checks/"):
        response = client.post(url, data=document, content_type="application/json")
        assert response.status_code in (200, 400), response.content
