import pytest

from core.plugins import Manifest


def manifest(**changes):
    fields = {"name": "demo", "title": "Demo", "summary": "A demo.", "version": "1.0.0"} | changes
    return Manifest(**fields)


def test_valid_manifest_normalises_dependencies_to_tuples():
    m = manifest(depends=["corelike"], optional_depends=["other"])
    assert m.depends == ("corelike",)
    assert m.optional_depends == ("other",)
    assert m.data_policy == "keep"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Bad-Name"}, "name must be"),
        ({"name": "hello_x"}, "name must be"),  # '_' would make 'hello_' another plugin's prefix
        ({"name": "core"}, "reserved"),
        ({"title": " "}, "title must be"),
        ({"version": "one"}, "PEP 440"),
        ({"requires_core": "about one"}, "version specifier"),
        ({"depends": ("demo",)}, "itself"),
        ({"depends": ("x1",), "optional_depends": ("x1",)}, "both hard and optional"),
        ({"data_policy": "delete"}, "data_policy"),
    ],
)
def test_invalid_manifest_names_the_rule(changes, message):
    with pytest.raises(ValueError, match=message):
        manifest(**changes)


@pytest.mark.parametrize(
    ("spec", "core", "ok"),
    [
        (None, "1.0.0", True),
        (">=1.0,<2", "1.0.0", True),
        (">=2", "1.0.0", False),
        ("<1", "1.0.0", False),
    ],
)
def test_requires_core(spec, core, ok):
    assert manifest(requires_core=spec).core_compatible(core) is ok
