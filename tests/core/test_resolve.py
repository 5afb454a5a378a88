from core.plugins.info import PluginInfo
from core.plugins.manifest import Manifest, PluginState
from core.plugins.resolve import resolve, topological_order, with_dependencies


def plugins(**deps):
    """plugins(a=("b",), b=()) → {name: PluginInfo} with those hard dependencies."""
    result = {}
    for name, spec in deps.items():
        hard, optional = (
            (spec, ()) if not isinstance(spec, dict) else (spec.get("hard", ()), spec["optional"])
        )
        m = Manifest(
            name=name,
            title=name,
            summary=name,
            version="1",
            depends=hard,
            optional_depends=optional,
        )
        result[name] = PluginInfo(name=name, module=name, manifest=m)
    return result


def test_dependencies_are_added_transitively():
    p = plugins(aa=("bb",), bb=("cc",), cc=(), dd=())
    assert with_dependencies(p, {"aa"}) == {"aa", "bb", "cc"}


def test_order_puts_dependencies_first_and_breaks_ties_by_name():
    p = plugins(zz=(), aa=("zz",), mm={"optional": ("aa",)}, bb=())
    assert topological_order(p, set(p)) == ["bb", "zz", "aa", "mm"]


def test_optional_dependency_cycle_still_loads_everything():
    p = plugins(aa={"optional": ("bb",)}, bb={"optional": ("aa",)})
    assert sorted(topological_order(p, set(p))) == ["aa", "bb"]


def test_hard_dependency_wins_over_an_optional_one_in_a_loop():
    p = plugins(aa=("bb",), bb={"optional": ("aa",)})
    assert topological_order(p, set(p)) == ["bb", "aa"]


def test_cycle_marks_every_member_failed_and_names_the_cycle():
    p = plugins(aa=("bb",), bb=("aa",), cc=())
    order = resolve(p, {"aa", "bb", "cc"}, {}, override=True)
    assert order == ["cc"]
    assert p["aa"].state is PluginState.FAILED
    assert str(p["aa"].reason) == "dependency cycle: aa → bb → aa"


def test_missing_dependency_propagates_to_dependants():
    p = plugins(aa=("bb",), bb=("gone",))
    order = resolve(p, {"aa", "bb"}, {}, override=True)
    assert order == []
    assert (p["bb"].state, str(p["bb"].reason)) == (
        PluginState.MISSING_DEPENDENCY,
        "needs gone, which is not installed",
    )
    assert (p["aa"].state, str(p["aa"].reason)) == (
        PluginState.MISSING_DEPENDENCY,
        "needs bb, which is missing-dependency",
    )


def test_resting_states_say_why():
    p = plugins(aa=(), bb=(), cc=())
    resolve(p, set(), {"aa": False, "bb": True}, override=True)
    assert p["aa"].state is PluginState.DISABLED and "administrator" in str(p["aa"].reason)
    assert p["bb"].state is PluginState.DISABLED and "VANPHONG_PLUGINS" in str(p["bb"].reason)
    assert (p["cc"].state, str(p["cc"].reason)) == (PluginState.AVAILABLE, "installed, not enabled")
