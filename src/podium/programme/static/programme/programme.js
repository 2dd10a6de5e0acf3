// Programme page: "Show my time zone too" asks the browser for its IANA zone (Intl) and reloads
// with ?tz=<zone>; the server renders both times. Without JavaScript the link shows UTC.
const link = document.getElementById("my-zone");
if (link) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    link.href = link.dataset.base + encodeURIComponent(zone);
  }
}
