// The control panel's behaviour (templates/admin/panel.html): plain JS, no build step.
//
// The admin token lives in this tab's sessionStorage and is sent only as a bearer token to the
// JSON control API; it never goes into a URL, a cookie or the console. Every call names the
// namespace in the Namespace field, as it reads at the moment of the call.
//
// To add a section: a <section data-section="name"> in the template (with its feedback slots),
// a loader in LOADERS if it shows state, and its handlers in bindHandlers().

const API = "/__admin";
const TOKEN_KEY = "mock-portal.admin-token";
const NAMESPACE_KEY = "mock-portal.namespace";
// The header and its rule come from the page (mock_portal/world/store.py, through panel.py), so
// they are written once.
const NAMESPACE_HEADER = document.body.dataset.namespaceHeader;
const NAMESPACE_PATTERN = new RegExp(`^(?:${document.body.dataset.namespacePattern})$`);
// SPOT's users (Florida, Puerto Rico, USVI) read times in US Eastern: so does the panel.
const EASTERN = "America/New_York";

class ApiError extends Error {
  constructor(status, code, reason, field = null) {
    super(reason);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: everything from the API goes in as text, never as markup.

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : String(child ?? ""));
  }
  return node;
}

const section = (name) => $(`[data-section="${name}"]`);
const field = (id) => document.getElementById(id);

function optionLabel(select, value) {
  const option = Array.from(select.options).find((o) => o.value === value);
  return option ? option.textContent : value ?? "";
}

// ---------------------------------------------------------------------------------------------
// Feedback: the portal's error summary (role="alert", data-error-code, data-field), per section.

let errorIds = 0;

function clearFeedback(where) {
  $("[data-errors]", where).replaceChildren();
  $("[data-status]", where).textContent = "";
  for (const control of $$("[aria-invalid]")) {
    if (control.dataset.invalidIn === where.dataset.section) {
      unmarkInvalid(control);
    }
  }
}

function unmarkInvalid(control) {
  control.removeAttribute("aria-invalid");
  const original = control.dataset.describedBy;
  if (original) control.setAttribute("aria-describedby", original);
  else control.removeAttribute("aria-describedby");
  delete control.dataset.describedBy;
  delete control.dataset.invalidIn;
  control.closest(".field")?.classList.remove("field-invalid");
}

function markInvalid(control, messageId, where) {
  if (control.dataset.invalidIn === undefined) {
    control.dataset.describedBy = control.getAttribute("aria-describedby") ?? "";
  }
  control.dataset.invalidIn = where.dataset.section;
  control.setAttribute("aria-invalid", "true");
  control.setAttribute(
    "aria-describedby",
    `${messageId} ${control.dataset.describedBy}`.trim(),
  );
  control.closest(".field")?.classList.add("field-invalid");
}

// problems: [{code, message, field?, details?}]. Focus moves to the summary (GOV.UK) when the
// person's own action failed, not when a background refresh did.
function showErrors(where, problems, { focus = true } = {}) {
  clearFeedback(where);
  const titleId = `error-summary-title-${where.dataset.section}`;
  const list = el("ul", { class: "error-list" });
  for (const problem of problems) {
    const id = `panel-error-${++errorIds}`;
    const control = problem.field ? field(problem.field) : null;
    const text = control
      ? el("a", { href: `#${problem.field}` }, problem.message)
      : el("span", {}, problem.message);
    const item = el(
      "li",
      {
        id,
        class: "error-message",
        "data-error-code": problem.code,
        "data-field": control ? problem.field : null,
      },
      text,
      ...(problem.details ?? []).map((detail) => el("p", { class: "error-detail" }, detail)),
    );
    list.append(item);
    if (control) markInvalid(control, id, where);
  }
  const summary = el(
    "div",
    { class: "error-summary", role: "alert", "aria-labelledby": titleId, tabindex: "-1" },
    el("h3", { id: titleId }, "There is a problem"),
    list,
  );
  $("[data-errors]", where).append(summary);
  if (focus) summary.focus();
}

function showStatus(where, text) {
  $("[data-status]", where).textContent = text;
}

function problemFrom(error, form) {
  if (error instanceof ApiError) {
    return {
      code: error.code,
      message: error.message,
      field: error.field ?? fieldNamedIn(form, error.message),
    };
  }
  console.error(error); // a bug in this script, not an answer from the API
  return { code: "panel_error", message: `The control panel hit a bug: ${error}` };
}

// The API's reasons start with the JSON field they are about ("user_id must be ..."); the
// panel's controls carry those names, so the message can point at the control.
function fieldNamedIn(form, reason) {
  if (!form) return null;
  const control = Array.from(form.elements).find(
    (c) => c.name && c.id && reason.startsWith(`${c.name} `),
  );
  return control ? control.id : null;
}

// ---------------------------------------------------------------------------------------------
// The control API.

function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function currentNamespace() {
  const value = field("namespace").value.trim() || "default";
  if (!NAMESPACE_PATTERN.test(value)) {
    throw new ApiError(
      0,
      "DATA_FORMAT",
      "Namespace must be 1-64 letters, digits, '.', '_' or '-'.",
      "namespace",
    );
  }
  return value;
}

async function api(method, path, { body, query, token = storedToken() } = {}) {
  const headers = {
    Accept: "application/json",
    Authorization: `Bearer ${token ?? ""}`,
    [NAMESPACE_HEADER]: currentNamespace(),
  };
  const params = new URLSearchParams(
    Object.entries(query ?? {}).filter(([, value]) => value !== "" && value != null),
  );
  const search = params.toString();
  const url = API + path + (search ? `?${search}` : "");
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit", // bearer-only: no cookie of the portal's goes with these calls
    });
  } catch {
    throw new ApiError(0, "no_answer", "The control API did not answer: is the portal running?");
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch {
    answer = null;
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      answer?.error ?? `http_${response.status}`,
      answer?.reason ?? `The control API answered ${response.status} ${response.statusText}.`,
    );
  }
  return answer ?? {};
}

// Runs one action of a section: clears its feedback, disables the form (or the button pressed)
// while it waits, and shows whatever went wrong. A 401 means the token stopped working: back to
// sign-in.
async function run(where, form, action, pressed = null) {
  const buttons = form ? $$("button", form) : [pressed].filter(Boolean);
  clearFeedback(where);
  buttons.forEach((b) => (b.disabled = true));
  try {
    await action();
  } catch (error) {
    if (isUnauthorized(error)) signOut(tokenRefused(error));
    else showErrors(where, [problemFrom(error, form)]);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

const isUnauthorized = (error) => error instanceof ApiError && error.status === 401;

function tokenRefused(error) {
  return {
    code: error.code,
    message: "The control API refused the admin token. Use the token the portal printed.",
    field: "admin-token",
    details: [error.message],
  };
}

function onSubmit(form, where, action) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(where, form, () => action(event.submitter));
  });
}

function onClick(button, where, action) {
  button.addEventListener("click", () => run(where, button.closest("form"), action, button));
}

// ---------------------------------------------------------------------------------------------
// Time: the API speaks ISO 8601 with an offset; people read and type US Eastern.

const easternFields = new Intl.DateTimeFormat("en-US", {
  timeZone: EASTERN,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "longOffset",
});
const easternShort = new Intl.DateTimeFormat("en-US", {
  timeZone: EASTERN,
  timeZoneName: "short",
});

function partsAt(instant) {
  const parts = {};
  for (const { type, value } of easternFields.formatToParts(instant)) parts[type] = value;
  return parts;
}

// "GMT-05:00" -> "-05:00"; "GMT" -> "+00:00"
function offsetAt(instant) {
  const name = partsAt(instant).timeZoneName;
  return name === "GMT" ? "+00:00" : name.slice(3);
}

function offsetMinutes(offset) {
  const sign = offset.startsWith("-") ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

// Milliseconds since the epoch; sub-millisecond digits (Python sends microseconds) dropped.
function instantOf(iso) {
  return Date.parse(iso.replace(/(\.\d{3})\d+/, "$1"));
}

function easternDisplay(iso) {
  const instant = new Date(instantOf(String(iso ?? "")));
  if (Number.isNaN(instant.getTime())) return String(iso ?? ""); // shown as given, not dropped
  const p = partsAt(instant);
  const zone = easternShort.formatToParts(instant).find((x) => x.type === "timeZoneName");
  return `${p.month}/${p.day}/${p.year} ${p.hour}:${p.minute}:${p.second} ${zone?.value ?? ""}`;
}

// An instant as Eastern wall time with its offset, keeping a fraction of a second as given.
function easternIso(milliseconds, fraction = "") {
  const instant = new Date(milliseconds);
  const p = partsAt(instant);
  const wall = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  return `${wall}${fraction}${offsetAt(instant)}`;
}

// "2026-01-07T09:30[:00]" typed as Eastern wall time -> "2026-01-07T09:30:00-05:00".
function easternWallToIso(wall) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(wall);
  if (!m) return null;
  const [, year, month, day, hour, minute, second = "00"] = m;
  const asIfUtc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  // The offset in force at that wall time: first guess at the naive instant, then once more at
  // the corrected one, which settles it on either side of a DST change.
  const guess = offsetMinutes(offsetAt(new Date(asIfUtc)));
  const offset = offsetAt(new Date(asIfUtc - guess * 60_000));
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`;
}

// ---------------------------------------------------------------------------------------------
// Signing in and out.

function showSignedIn(signedIn) {
  field("sign-in-form").hidden = signedIn;
  field("signed-in").hidden = !signedIn;
  field("panel").hidden = !signedIn;
}

function signOut(problem = null) {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignedIn(false);
  // Created users' passwords were shown for this sign-in only.
  $("#created-users tbody").replaceChildren();
  field("looked-up-user").replaceChildren();
  field("looked-up-user").hidden = true;
  const where = section("connection");
  if (problem) {
    showErrors(where, [problem]);
  } else {
    clearFeedback(where);
    showStatus(where, "Signed out. The admin token is gone from this tab.");
    field("admin-token").focus();
  }
}

async function signIn() {
  const where = section("connection");
  const token = field("admin-token").value.trim();
  if (!token) {
    showErrors(where, [
      { code: "REQUIRED_FIELD", message: "Enter the admin token.", field: "admin-token" },
    ]);
    return;
  }
  await api("GET", "/settings", { token }); // any authorized call: 401 for a wrong token
  sessionStorage.setItem(TOKEN_KEY, token);
  field("admin-token").value = "";
  rememberNamespace();
  showSignedIn(true);
  showStatus(where, `Signed in. Working in namespace ${currentNamespace()}.`);
  await refresh();
}

function rememberNamespace() {
  sessionStorage.setItem(NAMESPACE_KEY, currentNamespace());
}

async function useNamespace() {
  rememberNamespace();
  showStatus(section("connection"), `Working in namespace ${currentNamespace()}.`);
  if (storedToken()) await refresh();
}

// ---------------------------------------------------------------------------------------------
// Sections that show state: each loader fills its section from the API.

const LOADERS = {
  personas: loadOrganizations,
  systems: loadSystems,
  clock: loadClock,
  outbox: loadMail,
  journal: loadJournal,
  settings: loadSettings,
};

// Reload the named sections (all by default); each shows its own errors.
async function refresh(...names) {
  const wanted = names.length ? names : Object.keys(LOADERS);
  await Promise.all(
    wanted.map(async (name) => {
      const where = section(name);
      // Busy until filled: a form touched before its state arrives would be overwritten by it
      // (and then save the old value), so testers and tests wait for aria-busy to clear.
      where.setAttribute("aria-busy", "true");
      try {
        await LOADERS[name]();
      } catch (error) {
        if (isUnauthorized(error)) signOut(tokenRefused(error));
        else showErrors(where, [problemFrom(error, null)], { focus: false });
      } finally {
        where.setAttribute("aria-busy", "false");
      }
    }),
  );
}

function emptyRow(columns, text) {
  return el("tr", {}, el("td", { colspan: columns, class: "empty" }, text));
}

// Personas ------------------------------------------------------------------------------------

async function loadOrganizations() {
  const { organizations = [] } = await api("GET", "/organizations");
  const select = field("persona-organization");
  const chosen = select.value;
  const options = organizations.map((o) => {
    const approvers = o.approvers?.length
      ? `approvers: ${o.approvers.join(", ")}`
      : "no approver yet";
    return el("option", { value: o.id }, `${o.business_name} (NPI ${o.npi}; ${approvers})`);
  });
  select.replaceChildren(select.options[0], ...options);
  select.value = organizations.some((o) => o.id === chosen) ? chosen : "";
}

// The body of POST /users from the form; a quick persona ({spotAccess, role}) replaces the
// form's access and role and leaves User ID and password to Faker.
function personaBody(quick = null) {
  const form = field("persona-form");
  const body = {
    spot_access: quick ? quick.spotAccess : form.elements.spot_access.value,
    mfa: form.elements.mfa.checked,
    mfa_factor: form.elements.mfa_factor.value,
  };
  // A role, like an organization, belongs to a SPOT access request: the API refuses either
  // without one rather than dropping it.
  if (body.spot_access !== "none") body.role = quick ? quick.role : form.elements.role.value;
  if (!quick) {
    const userId = form.elements.user_id.value.trim();
    const password = form.elements.password.value; // spaces may be part of a password
    if (userId) body.user_id = userId;
    if (password) body.password = password;
  }
  // An organization belongs to a SPOT access request; without one there is nothing to join.
  const organization = form.elements.organization_id.value;
  if (organization && body.spot_access !== "none") body.organization_id = organization;
  return body;
}

// The Account state choice: a lifecycle field set days before the mock's clock (or true).
async function withLifecycle(body) {
  const choice = field("persona-lifecycle").selectedOptions[0];
  if (!choice || !choice.value) return body;
  if (!choice.dataset.days) return { ...body, [choice.value]: true };
  const clock = await api("GET", "/clock");
  const days = Number(choice.dataset.days);
  const then = new Date(Date.parse(clock.now) - days * 86400000).toISOString();
  return { ...body, [choice.value]: then };
}

async function createPersona(plain) {
  const body = await withLifecycle(plain);
  const user = await api("POST", "/users", { body });
  addCreatedUser(user);
  const form = field("persona-form");
  form.elements.user_id.value = "";
  form.elements.password.value = "";
  const access = optionLabel(form.elements.spot_access, user.spot_access);
  showStatus(section("personas"), `Created ${user.user_id} (SPOT access: ${access}).`);
  await refresh("personas");
}

function addCreatedUser(user) {
  const form = field("persona-form");
  const row = el(
    "tr",
    { "data-user-id": user.user_id },
    el("th", { scope: "row", class: "credential" }, user.user_id),
    el("td", { class: "credential", "data-password": "" }, user.password ?? ""),
    el("td", {}, user.email),
    el("td", {}, `${user.first_name} ${user.last_name}`),
    el("td", {}, optionLabel(form.elements.spot_access, user.spot_access)),
    el("td", {}, user.role ? optionLabel(form.elements.role, user.role) : "—"),
    el("td", {}, user.mfa ? "On" : "Off"),
    el("td", { "data-confirmation-number": "" }, user.confirmation_number ?? "—"),
  );
  $("#created-users tbody").prepend(row);
}

async function createLoginGovUser() {
  const form = field("logingov-form");
  const email = form.elements.email.value.trim();
  const body = { verified: form.elements.verified.checked };
  if (email) body.email = email;
  const account = await api("POST", "/logingov/accounts", { body });
  $("#created-logingov-accounts tbody").prepend(
    el(
      "tr",
      { "data-email": account.email },
      el("th", { scope: "row", class: "credential" }, account.email),
      el("td", { class: "credential", "data-password": "" }, account.password ?? ""),
      el("td", {}, account.verified ? "Yes" : "No"),
    ),
  );
  form.elements.email.value = "";
  showStatus(section("personas"), `Created Login.gov user ${account.email}.`);
}

function showUser(user) {
  const list = field("looked-up-user");
  const describe = (value) => {
    if (value === null || value === undefined) return "—";
    if (typeof value === "boolean") return value ? "Yes" : "No";
    if (typeof value === "object") {
      return Object.entries(value).map(([k, v]) => `${k}: ${v ?? "—"}`).join("; ");
    }
    return String(value);
  };
  list.replaceChildren(
    ...Object.entries(user).flatMap(([key, value]) => [
      el("dt", {}, key),
      el("dd", { "data-key": key }, describe(value)),
    ]),
  );
  list.hidden = false;
}

async function lookUpOrSetAccess(submitter) {
  const form = field("access-form");
  const userId = form.elements.user_id.value.trim();
  if (!userId) {
    throw new ApiError(0, "REQUIRED_FIELD", "Enter the IDM User ID.", "access-user-id");
  }
  const path = `/users/${encodeURIComponent(userId)}`;
  if (submitter?.value === "set-access") {
    const status = form.elements.status.value;
    const user = await api("PUT", `${path}/access`, { body: { status } });
    showUser(user);
    const access = optionLabel(form.elements.status, user.spot_access);
    showStatus(section("personas"), `${user.user_id}'s SPOT access is now: ${access}.`);
    await refresh("personas", "outbox", "journal");
  } else {
    showUser(await api("GET", path));
  }
}

// Systems -------------------------------------------------------------------------------------

const capitalize = (text) => (text ? text[0].toUpperCase() + text.slice(1) : "");

async function loadSystems() {
  const { systems = [] } = await api("GET", "/systems");
  const rows = systems.map((s) => {
    const why = s.fault
      ? `Technical issue (${s.fault})`
      : capitalize(s.reason ?? s.maintenance ?? "unavailable");
    const details = s.available
      ? ""
      : `${why}` +
        `${s.message ? `: ${s.message}` : ""}` +
        `${s.since ? ` (since ${easternDisplay(s.since)})` : ""}` +
        `${s.until ? ` until ${easternDisplay(s.until)}` : ""}`;
    // A window ends on its own schedule (cancel it below); an outage or a fault is brought back.
    const action =
      s.available || s.window
        ? "—"
        : el(
            "button",
            {
              type: "button",
              class: "secondary",
              "data-bring-back": s.name,
              "aria-label": `Bring ${s.name} back`,
            },
            "Bring back",
          );
    return el(
      "tr",
      { "data-system": s.name },
      el(
        "th",
        { scope: "row" },
        s.name,
        " ",
        el("span", { class: "system-description" }, s.description ?? ""),
      ),
      el("td", { class: "system-state" }, s.available ? "Available" : "Unavailable"),
      el("td", { class: "system-details" }, details),
      el("td", {}, action),
    );
  });
  $("#systems tbody").replaceChildren(...(rows.length ? rows : [emptyRow(4, "No systems.")]));
  showWindows(systems.flatMap((s) => s.windows ?? []));
}

function showWindows(windows) {
  const rows = windows
    .slice()
    .sort((a, b) => instantOf(a.start) - instantOf(b.start))
    .map((w) => {
      const action = w.recurring
        ? "Weekly (a setting)"
        : el(
            "button",
            {
              type: "button",
              class: "secondary",
              "data-cancel-window": w.id,
              "data-system": w.system,
              "aria-label": `Cancel ${w.system} window ${w.id}`,
            },
            "Cancel",
          );
      return el(
        "tr",
        { "data-window": w.id, "data-system": w.system },
        el("th", { scope: "row" }, w.system),
        el("td", {}, easternDisplay(w.start)),
        el("td", {}, easternDisplay(w.end)),
        el("td", { class: "window-state" }, w.state),
        el("td", {}, w.message ?? ""),
        el("td", {}, action),
      );
    });
  const table = field("maintenance-windows");
  $("tbody", table).replaceChildren(...(rows.length ? rows : [emptyRow(6, "No windows.")]));
}

async function takeDown() {
  const form = field("outage-form");
  const name = form.elements.system.value;
  const message = form.elements.message.value.trim();
  const body = { available: false, maintenance: form.elements.maintenance.value };
  if (message) body.message = message;
  const status = await api("PUT", `/systems/${encodeURIComponent(name)}`, { body });
  showStatus(section("systems"), `${status.name} is down: ${status.reason ?? "unavailable"}.`);
  await refresh("systems");
}

async function bringBack(name) {
  const status = await api("PUT", `/systems/${encodeURIComponent(name)}`, {
    body: { available: true },
  });
  showStatus(section("systems"), `${status.name} is available again.`);
  await refresh("systems");
}

// An Eastern wall time typed into a datetime-local field, as ISO 8601 with its offset.
function easternField(id, what) {
  const wall = field(id).value;
  if (!wall) throw new ApiError(0, "REQUIRED_FIELD", `Enter when the window ${what}.`, id);
  const iso = easternWallToIso(wall);
  if (!iso) throw new ApiError(0, "DATA_FORMAT", "Enter a date and a time.", id);
  return iso;
}

async function scheduleWindow() {
  const form = field("window-form");
  const name = form.elements.system.value;
  const body = {
    start: easternField("window-start", "starts"),
    end: easternField("window-end", "ends"),
  };
  const message = form.elements.message.value.trim();
  if (message) body.message = message;
  const window = await api("POST", `/systems/${encodeURIComponent(name)}/windows`, { body });
  showStatus(
    section("systems"),
    `${window.system} maintenance scheduled from ${easternDisplay(window.start)} ` +
      `until ${easternDisplay(window.end)} (${window.state}).`,
  );
  await refresh("systems");
}

async function cancelWindow(system, id) {
  await api("DELETE", `/systems/${encodeURIComponent(system)}/windows/${encodeURIComponent(id)}`);
  showStatus(section("systems"), `${system} window ${id} cancelled.`);
  await refresh("systems");
}

async function saveWeekly() {
  const settings = await api("PUT", "/settings", {
    body: { weekly_maintenance: field("weekly-maintenance").checked },
  });
  showSettings(settings);
  showStatus(
    section("systems"),
    `Weekly SPOT maintenance is ${settings.weekly_maintenance ? "on" : "off"} ` +
      `in namespace ${currentNamespace()}.`,
  );
  await refresh("systems");
}

async function setFault() {
  const form = field("fault-form");
  const name = form.elements.system.value;
  const body = { kind: form.elements.kind.value };
  const message = form.elements.message.value.trim();
  if (message) body.message = message;
  const status = await api("PUT", `/systems/${encodeURIComponent(name)}/fault`, { body });
  showStatus(section("systems"), `${status.name} has a ${status.fault} fault: ${status.reason}.`);
  await refresh("systems");
}

// Clock ---------------------------------------------------------------------------------------

async function loadClock() {
  showClock(await api("GET", "/clock"));
}

function showClock(clock) {
  const where = section("clock");
  $("[data-clock-eastern]", where).textContent = easternDisplay(clock.now);
  $("[data-clock-iso]", where).textContent = clock.now ?? "";
  $("[data-clock-mode]", where).textContent = clock.frozen
    ? "Frozen (moves only when you move it)"
    : "Real time";
  const at = field("clock-at");
  if (!at.value && clock.now) at.value = easternIso(instantOf(clock.now)).slice(0, 19);
}

async function freezeClock() {
  const wall = field("clock-at").value;
  if (!wall) {
    throw new ApiError(0, "REQUIRED_FIELD", "Enter the date and time to freeze at.", "clock-at");
  }
  const now = easternWallToIso(wall);
  if (!now) {
    throw new ApiError(0, "DATA_FORMAT", "Enter a date and a time.", "clock-at");
  }
  const clock = await api("PUT", "/clock", { body: { now } });
  showClock(clock);
  showStatus(section("clock"), `Clock frozen at ${easternDisplay(clock.now)}.`);
}

async function moveClock() {
  const text = field("clock-minutes").value.trim();
  const minutes = Number(text);
  if (!/^\d+$/.test(text) || minutes < 1) {
    const rule = "Minutes must be a whole number, 1 or more.";
    throw new ApiError(0, "DATA_FORMAT", rule, "clock-minutes");
  }
  const { now } = await api("GET", "/clock");
  const fraction = /:\d{2}(\.\d+)/.exec(now)?.[1] ?? "";
  const wholeSeconds = instantOf(now.replace(/\.\d+/, ""));
  const clock = await api("PUT", "/clock", {
    body: { now: easternIso(wholeSeconds + minutes * 60_000, fraction) },
  });
  showClock(clock);
  const unit = minutes === 1 ? "minute" : "minutes";
  showStatus(
    section("clock"),
    `Clock moved forward ${minutes} ${unit} to ${easternDisplay(clock.now)}.`,
  );
}

async function unfreezeClock() {
  const clock = await api("DELETE", "/clock");
  showClock(clock);
  showStatus(section("clock"), "The clock follows real time again.");
}

// Outbox and Journal ---------------------------------------------------------------------------

// Fills a section's table with the API's records, newest first (the API lists oldest first).
function showNewestFirst(where, records, toRow, emptyText) {
  const rows = records.slice().reverse().map(toRow);
  const columns = $$("thead th", where).length;
  $("tbody", where).replaceChildren(...(rows.length ? rows : [emptyRow(columns, emptyText)]));
}

async function loadMail() {
  const to = field("outbox-to").value.trim();
  const { messages = [] } = await api("GET", "/mail", { query: { to } });
  showNewestFirst(section("outbox"), messages, mailRow, to ? `No mail to ${to}.` : "No mail yet.");
}

function mailRow(mail) {
  return el(
    "tr",
    { class: "mail" },
    el("td", {}, easternDisplay(mail.sent_at)),
    el("td", { class: "mail-to" }, mail.to),
    el("td", { class: "mail-subject" }, mail.subject),
    el("td", {}, el("pre", {}, mail.body)),
  );
}

async function loadJournal() {
  const kind = field("journal-kind").value.trim();
  const { entries = [] } = await api("GET", "/journal", { query: { kind } });
  const empty = kind ? `No ${kind} entries.` : "The journal is empty.";
  showNewestFirst(section("journal"), entries, journalRow, empty);
}

function journalRow({ at, kind, ...details }) {
  const detail = ([key, value]) =>
    el("li", {}, `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return el(
    "tr",
    { class: "journal-entry", "data-kind": kind },
    el("td", {}, easternDisplay(at)),
    el("td", { class: "journal-kind" }, kind),
    el("td", {}, el("ul", { class: "journal-details" }, ...Object.entries(details).map(detail))),
  );
}

// Settings ------------------------------------------------------------------------------------

function showSettings(settings) {
  field("cache-traps").checked = Boolean(settings.cache_traps);
  field("idm-sign-in").value = settings.idm_sign_in ?? "chooser";
  field("weekly-maintenance").checked = Boolean(settings.weekly_maintenance);
  $("[data-release]", section("settings")).textContent = String(settings.release ?? "");
}

async function loadSettings() {
  showSettings(await api("GET", "/settings"));
}

async function saveSettings() {
  const settings = await api("PUT", "/settings", {
    body: { cache_traps: field("cache-traps").checked, idm_sign_in: field("idm-sign-in").value },
  });
  showSettings(settings);
  showStatus(
    section("settings"),
    `Cache traps are ${settings.cache_traps ? "on" : "off"} and IDM's first page is the ` +
      `${settings.idm_sign_in} page in namespace ${currentNamespace()}.`,
  );
}

async function shipRelease() {
  const settings = await api("POST", "/release");
  showSettings(settings);
  showStatus(
    section("settings"),
    `Shipped SPOT release ${settings.release}: ` +
      "forms from an older cached page script are now refused.",
  );
  await refresh("journal");
}

// ---------------------------------------------------------------------------------------------

function bindHandlers() {
  const connection = section("connection");
  onSubmit(field("sign-in-form"), connection, signIn);
  field("sign-out").addEventListener("click", () => signOut());
  onSubmit(field("namespace-form"), connection, useNamespace);

  const personas = section("personas");
  onSubmit(field("persona-form"), personas, () => createPersona(personaBody()));
  for (const button of $$("[data-quick-persona]", personas)) {
    onClick(button, personas, () => createPersona(personaBody(button.dataset)));
  }
  onSubmit(field("access-form"), personas, lookUpOrSetAccess);
  onSubmit(field("logingov-form"), personas, createLoginGovUser);

  const systems = section("systems");
  onSubmit(field("outage-form"), systems, takeDown);
  $("tbody", systems).addEventListener("click", (event) => {
    const button = event.target.closest("[data-bring-back]");
    if (button) run(systems, null, () => bringBack(button.dataset.bringBack), button);
  });
  onSubmit(field("window-form"), systems, scheduleWindow);
  $("tbody", field("maintenance-windows")).addEventListener("click", (event) => {
    const button = event.target.closest("[data-cancel-window]");
    const { system, cancelWindow: id } = button?.dataset ?? {};
    if (button) run(systems, null, () => cancelWindow(system, id), button);
  });
  onSubmit(field("weekly-form"), systems, saveWeekly);
  onSubmit(field("fault-form"), systems, setFault);

  const clock = section("clock");
  onClick($("[data-refresh]", clock), clock, loadClock);
  onSubmit(field("freeze-form"), clock, freezeClock);
  onSubmit(field("advance-form"), clock, moveClock);
  onClick(field("unfreeze"), clock, unfreezeClock);

  onSubmit(field("outbox-form"), section("outbox"), loadMail);
  onSubmit(field("journal-form"), section("journal"), loadJournal);

  const settings = section("settings");
  onSubmit(field("settings-form"), settings, saveSettings);
  onClick(field("ship-release"), settings, shipRelease);
}

function start() {
  const namespace = sessionStorage.getItem(NAMESPACE_KEY);
  if (namespace) field("namespace").value = namespace;
  bindHandlers();
  if (storedToken()) {
    showSignedIn(true);
    refresh();
  } else {
    showSignedIn(false);
  }
}

start();
