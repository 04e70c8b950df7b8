// The sociale kaart's street map: the same places as the drawn map, over street tiles
// (Leaflet). Without JavaScript, or when Leaflet does not load, the drawn SVG map and the
// list below it stay: this file only adds.
(function () {
  "use strict";

  function readJson(element, name) {
    var value = element.getAttribute(name);
    return value ? JSON.parse(value) : null;
  }

  // A marker of at least 44 by 44 pixels (easy to tap), with a coloured dot in the middle:
  // larger for a place with more activities, as on the drawn map.
  function markerIcon(place) {
    var dot = document.createElement("span");
    dot.className = "steunsysteem-street-map__dot";
    var count = place.services.length;
    dot.classList.add(count > 4 ? "steunsysteem-street-map__dot--large" : count > 1 ? "steunsysteem-street-map__dot--medium" : "steunsysteem-street-map__dot--small");
    dot.style.backgroundColor = place.colour;
    return window.L.divIcon({
      html: dot,
      className: "steunsysteem-street-map__marker",
      iconSize: [44, 44],
      iconAnchor: [22, 22],
      popupAnchor: [0, -18],
    });
  }

  function popupContent(place, config) {
    var box = document.createElement("div");
    var title = document.createElement("p");
    title.className = "steunsysteem-street-map__place";
    title.textContent = place.name;
    box.appendChild(title);
    var list = document.createElement("ul");
    list.className = "steunsysteem-street-map__services";
    list.setAttribute("aria-label", config.more);
    place.services.forEach(function (service) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "utrecht-link";
      link.href = service.url;
      link.textContent = service.name;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function draw() {
    var element = document.querySelector("[data-street-map]");
    if (!element || element.getAttribute("data-drawn") || !window.L) return;
    var config = readJson(element, "data-street-map");
    var places = readJson(element, "data-places");
    if (!config || !places || !places.length) return;
    element.setAttribute("data-drawn", "true");
    element.hidden = false;
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", config.label);
    var drawn = element.parentNode.querySelector("[data-drawn-map]");
    if (drawn) drawn.hidden = true;

    var map = window.L.map(element, { zoomControl: false, scrollWheelZoom: false });
    window.L.control.zoom({ zoomInTitle: config.zoomIn, zoomOutTitle: config.zoomOut }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    window.L.tileLayer(config.tileUrl, {
      attribution: config.attribution,
      maxZoom: config.maxZoom,
      className: "steunsysteem-street-map__tiles",
    }).addTo(map);

    // The view first: Leaflet only draws markers on a map that has one.
    var bounds = places.map(function (place) { return [place.lat, place.lon]; });
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
    }
    places.forEach(function (place) {
      var label = place.name + ": " + place.services.map(function (s) { return s.name; }).join(", ");
      var marker = window.L.marker([place.lat, place.lon], {
        icon: markerIcon(place),
        title: label,
        riseOnHover: true,
      });
      marker.bindPopup(popupContent(place, config));
      marker.addTo(map);
      var icon = marker.getElement();
      if (icon) icon.setAttribute("aria-label", label);
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  // The filters replace the map region in place (HTMX): draw the new places. (htmx:load
  // fires for new content; the swapped-out region took its afterSettle event with it.)
  document.addEventListener("htmx:load", draw);
})();
