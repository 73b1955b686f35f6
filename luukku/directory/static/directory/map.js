// The directory's map: Leaflet from the project's own static files. Markers come from a JSON data block
// (no inline script); tiles only when the county configures a tile server (LUUKKU_MAP_TILES), so the demo
// makes no third-party request. The list beside the map is the keyboard- and screen-reader alternative.
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("directory-map");
    var data = document.getElementById("directory-markers");
    if (!element || !data || typeof L === "undefined") { return; }
    var markers = JSON.parse(data.textContent);
    if (!markers.length) { element.hidden = true; return; }
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
    var tiles = element.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: element.dataset.attribution || "" }).addTo(map);
    } else {
      element.classList.add("directory-map--plain");
      var note = document.createElement("p");
      note.className = "directory-map__note";
      note.textContent = element.dataset.noTiles;
      element.parentNode.insertBefore(note, element.nextSibling);
    }
    var bounds = [];
    markers.forEach(function (m) {
      var marker = L.marker([m.lat, m.lon], { title: m.name, alt: m.name, keyboard: true }).addTo(map);
      if (m.url) {
        var link = document.createElement("a");
        link.href = m.url;
        link.textContent = m.name;
        marker.bindPopup(link);
      } else {
        marker.bindPopup(document.createTextNode(m.name));
      }
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length === 1) { map.setView(bounds[0], 13); } else { map.fitBounds(bounds, { padding: [24, 24] }); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
