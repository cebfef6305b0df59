"""State files (mock_portal/control/state.py, docs/state-files.md): read, validated by the
control API's own models with errors that say where, applied through its handlers, exported
from a namespace and replayed into another with the same users and outages."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from fixtures.inprocess import InProcessServer
from mock_portal.accounts.demo import DEMO_PASSWORD
from mock_portal.cli.commands import main
from mock_portal.control import state
from mock_portal.control.table import BY_NAME
from mock_portal.sites.security import verify_password
from mock_portal.world.config import Settings

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

EXAMPLE = Path(__file__).parents[2] / "examples" / "state.toml"
# Members of a call's body an export writes under another name, and why.
EXPORTED_AS = {("users", "password"): "password_hash"}  # only the hash is stored


EVERYTHING = EXAMPLE.read_text(encoding="utf-8") + (
    '\n[[faults]]\nname = "HETS"\nkind = "slow"\nmessage = "slow answers"\n'
)


def _comparable_users(admin: AdminClient) -> list[dict[str, Any]]:
    """The namespace's users as an export keeps them (IDM's generated id, the Faker-made street
    address and the request's confirmation number are not fields of POST /users, so they are
    made anew)."""
    return sorted(
        (
            {
                **admin.user(entry["user_id"]),
                "id": None,
                "address": None,
                "confirmation_number": None,
            }
            for entry in admin.export_state().get("users", [])
        ),
        key=lambda user: user["user_id"],
    )


def _comparable_systems(admin: AdminClient) -> list[dict[str, Any]]:
    return [
        {**system, "since": None, "windows": [{**w, "id": None} for w in system["windows"]]}
        for system in admin.systems()
    ]


def _seeded(portal: InProcessServer, namespace: str, loaded: state.State) -> Any:
    with portal.context.store.lock:
        portal.context.store.reset(namespace)
        state.apply(portal.context, namespace, loaded)
        return portal.context.store.world(namespace)


def test_an_exported_namespace_replayed_into_a_fresh_one_exports_the_same(
    inprocess: InProcessServer,
) -> None:
    try:
        first = _seeded(inprocess, "state-first", state.parse(EVERYTHING, "everything.toml"))
        exported = state.to_toml(state.export(first), "a test")
        second = _seeded(inprocess, "state-second", state.parse(exported, "export.toml"))
        assert state.export(second) == state.export(first)
        # The password survives as its hash: the user still signs in with it.
        user = second.find_user("qa.approved")
        assert user is not None
        assert verify_password("Qa-Example-2026!", user.password_hash)
    finally:
        for namespace in ("state-first", "state-second"):
            inprocess.context.store.drop(namespace)


def test_replaying_an_export_through_the_control_api_gives_the_same_users_and_systems(
    admin: AdminClient, portal: PortalHandle, tmp_path: Path
) -> None:
    """The same round trip seen from outside: export as TOML, start a portal from the file
    (as ``serve --config`` does), and compare what the control API reports."""
    from mock_portal.cli.server import Server
    from mock_portal.testing.admin_client import AdminClient

    admin.freeze_clock(datetime(2026, 1, 6, 14, tzinfo=UTC))
    admin.create_user(spot_access="approved", mfa=False)
    admin.create_user(spot_access="denied")
    admin.set_system("IDM", available=False, message="IDM is down")
    admin.add_window("FISS", datetime(2026, 1, 6, 20, tzinfo=UTC), datetime(2026, 1, 7, tzinfo=UTC))
    saved = tmp_path / "saved.toml"
    saved.write_text(admin.export_state(format="toml"), encoding="utf-8")

    started = Server(Settings(spot_port=0, idm_port=0, logingov_port=0, config=str(saved)))
    replayed = AdminClient(started.urls.spot, started.admin_token)
    try:
        started.start_in_thread()
        assert _comparable_users(replayed) == _comparable_users(admin)
        assert _comparable_systems(replayed) == _comparable_systems(admin)
        assert replayed.clock() == admin.clock()
        # JSON exports load alike.
        as_json = tmp_path / "saved.json"
        as_json.write_text(json.dumps(admin.export_state()), encoding="utf-8")
        with started.context.store.lock:
            started.context.store.reset("json-replay")
            state.apply(started.context, "json-replay", state.load(as_json))
            assert state.export(started.context.store.world("json-replay")) == state.export(
                started.context.store.world()
            )
    finally:
        replayed.close()
        started.close()


@pytest.mark.parametrize("section", state.SECTIONS, ids=lambda s: s.name)
def test_every_member_a_sections_call_takes_is_exported(
    section: state.Section, inprocess: InProcessServer
) -> None:
    """A field added to a call's body must be exported too (one line in the section's
    exporter), or replaying an export would lose it."""
    call = BY_NAME[section.call]
    takes = set(call.path_parameters) | set(call.body.model_fields if call.body else ())
    namespace = "everything-" + section.name
    try:
        world = _seeded(inprocess, namespace, state.parse(EVERYTHING, "everything.toml"))
        written = set().union(*(entry.keys() for entry in section.export(world)))
    finally:
        inprocess.context.store.drop(namespace)
    assert {EXPORTED_AS.get((section.name, name), name) for name in takes} <= written


def test_the_shipped_states_are_valid_and_the_demo_users_share_the_published_password() -> None:
    assert len(state.load(EXAMPLE).entries) > 5
    demo = state.default_state()
    users = list(demo.of("users"))
    assert len(users) == 10
    assert {entry.members["password"] for entry in users} == {DEMO_PASSWORD}
    assert all(entry.note for entry in users)


def _error(text: str, *, name: str = "bad.toml") -> str:
    with pytest.raises(state.StateError) as raised:
        state.parse(text, name, json_format=name.endswith(".json"))
    return str(raised.value)


def test_an_invalid_member_is_named_with_its_file_section_index_and_line() -> None:
    text = '[[users]]\nuser_id = "one.user"\n\n[[users]]\nuser_id = "two.user"\nemail = "nope"\n'
    message = _error(text)
    assert message.startswith("bad.toml: users[1] (line 6): email must be")


def test_a_toml_syntax_error_keeps_tomllibs_line_and_column() -> None:
    message = _error('[[users]]\nuser_id = "unterminated\n')
    assert message.startswith("bad.toml: not valid TOML:")
    assert "line 2" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[people]]\n", "unknown section(s) 'people'; sections: settings, clock"),
        ("[[outages]]\navailable = false\n", "outages[0] (line 1): name is required"),
        ('[[outages]]\nname = "XYZ"\navailable = false\n', "outages[0] (line 1): no system 'XYZ'"),
        ('[[users]]\nspot_access = "yes"\n', "users[0] (line 2): spot_access must be one of"),
        ('[[users]]\nmfa = "true"\n', "users[0] (line 2): mfa must be true or false"),
        ("[[users]]\nwho = 1\n", "users[0] (line 1): unknown field(s): who; allowed: user_id"),
        ("[clock]\nnow = 2026-01-06T09:00:00\n", "clock (line 2): now needs a UTC offset"),
        ('[[users]]\npassword = "a"\npassword_hash = "b"\n', "users[0]"),
        ("users = 3\n", "users must be a list of tables"),
    ],
)
def test_each_refusal_says_where_and_why(text: str, expected: str) -> None:
    assert expected in _error(text)


def test_json_files_are_read_alike_and_named_by_section_and_index() -> None:
    document = {"users": [{"user_id": "ok.user"}, {"date_of_birth": "05/17/1980"}]}
    message = _error(json.dumps(document), name="bad.json")
    assert message.startswith("bad.json: users[1]: date_of_birth must be an ISO date")


def test_what_only_applying_finds_names_the_entry(inprocess: InProcessServer) -> None:
    loaded = state.parse(
        '[[users]]\nuser_id = "a.user"\n\n[[users]]\nuser_id = "b.user"\nspot_access = "pending"'
        '\norganization_id = "org-missing"\n',
        "missing.toml",
    )
    inprocess.context.store.reset("missing-org")
    try:
        with pytest.raises(state.StateError, match=r"^missing.toml: users\[1\] \(line 4\): no"):
            state.apply(inprocess.context, "missing-org", loaded)
    finally:
        inprocess.context.store.drop("missing-org")


def test_serve_refuses_a_bad_state_file_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "state.toml"
    bad.write_text('[[windows]]\nname = "HETS"\nstart = 2026-01-06T20:00:00-05:00\n')
    # The file is read before any port is bound: even with every port taken, the file is
    # what the one line names.
    taken = [socket.create_server(("127.0.0.1", 0)) for _ in range(3)]
    try:
        spot, idm, logingov = (str(sock.getsockname()[1]) for sock in taken)
        ports = ["--spot-port", spot, "--idm-port", idm, "--logingov-port", logingov]
        assert main(["serve", *ports, "--config", str(bad)]) == 2
    finally:
        for sock in taken:
            sock.close()
    error = capsys.readouterr().err.strip()
    assert error == f"error: {bad}: windows[0] (line 1): end is required"


def test_the_export_is_a_table_row_with_toml_and_json(admin: AdminClient) -> None:
    admin.create_user(user_id="row.user")
    assert [u["user_id"] for u in admin.export_state()["users"]] == ["row.user"]
    assert 'user_id = "row.user"' in admin.export_state(format="toml")


def test_the_banner_lists_the_files_users_and_says_its_settings_and_clock() -> None:
    from mock_portal.cli.commands import banner
    from mock_portal.cli.server import Server

    started = Server(Settings(spot_port=0, idm_port=0, logingov_port=0, config=str(EXAMPLE)))
    try:
        shown = banner(started)
    finally:
        started.close()
    assert f"Users from {EXAMPLE} (password for all: Qa-Example-2026!):" in shown
    assert "  qa.pending   pending request" in shown
    assert "The mock's clock: frozen at 9:00 AM EST on 01/06/2026." in shown
    assert "weekly maintenance" not in shown  # the file turns it off
    assert "Demo users" not in shown
