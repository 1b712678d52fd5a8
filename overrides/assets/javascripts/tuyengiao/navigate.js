// A <select data-tg-navigate> (the data page's unit filter) opens the address of the
// option chosen. In a file, not an onchange attribute: the pages' Content-Security-Policy
// allows no inline script (see README, Security).
document.addEventListener("change", function (event) {
  var select = event.target;
  if (select instanceof HTMLSelectElement && select.hasAttribute("data-tg-navigate")) {
    location.href = select.value;
  }
});
