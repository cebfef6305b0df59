// OAuth 2.0 Form Post Response Mode: IDM's page posts the authorization answer to the client at
// once, as Okta's form_post page does (a file, not inline: IDM's CSP allows scripts from 'self').
document.addEventListener("DOMContentLoaded", function () {
  document.forms[0].submit();
});
