"""Property-based run against the OpenAPI spec: generated parameters never cause a 5xx."""
from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

# Values that are often valid for these schemas, mixed with arbitrary text.
_CODES = st.sampled_from(["TUR", "USA", "TURGOV", "RUS", "X", "", "tur", "9"])
_ANY_TEXT = st.text(max_size=30)


def _value(schema: dict) -> st.SearchStrategy:
    if "anyOf" in schema:
        return st.one_of([_value(s) for s in schema["anyOf"] if s.get("type") != "null"] or [st.none()])
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), _ANY_TEXT)
    t = schema.get("type")
    if t == "integer":
        return st.one_of(st.integers(schema.get("minimum", -10) - 2, schema.get("maximum", 1000) + 2), _ANY_TEXT)
    if t == "boolean":
        return st.sampled_from(["true", "false", "1", "0", "yes", "maybe"])
    if schema.get("format") == "date":
        return st.one_of(st.dates().map(str), st.sampled_from(['0001-01-01', '9999-12-31', '2025-03-25']), _ANY_TEXT)
    return st.one_of(_CODES, _ANY_TEXT)


def _get_operations(spec):
    for path, ops in spec["paths"].items():
        if "get" in ops:
            yield path, ops["get"].get("parameters", [])


def _strategy(spec):
    ops = []
    for path, params in _get_operations(spec):
        fields = {p["name"]: (p["in"], _value(p["schema"]), p.get("required", False)) for p in params}
        ops.append(st.tuples(st.just(path), st.fixed_dictionaries(
            {n: s for n, (_, s, req) in fields.items() if req},
            optional={n: s for n, (_, s, req) in fields.items() if not req}), st.just(fields)))
    return st.one_of(ops)


def test_openapi_get_operations_never_5xx(client):
    spec = client.get("/openapi.json").json()

    @_SETTINGS
    @given(_strategy(spec))
    def run(op):
        path, values, fields = op
        query = {}
        for name, value in values.items():
            where = fields[name][0]
            if where == "path":
                path = path.replace("{" + name + "}", quote(str(value), safe="") or "x")
            else:
                query[name] = value
        r = client.get(path, params=query)
        assert r.status_code < 500, (path, query, r.status_code, r.text[:300])

    run()


@_SETTINGS
@given(st.fixed_dictionaries({"text": st.text(max_size=300)},
                             optional={"title": st.one_of(st.none(), st.text(max_size=50)),
                                       "date": st.one_of(st.none(), st.dates().map(str), _ANY_TEXT)}))
def test_openapi_code_bodies_never_5xx(client, body):
    r = client.post("/api/code", json=body)
    assert r.status_code < 500, (body, r.text[:300])
