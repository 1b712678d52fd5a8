/* The data pages' unit filter: choosing a unit opens its page. Without JavaScript the
   list of links under it does the same. (No inline handler: the site's
   Content-Security-Policy allows no inline script.) */
document.addEventListener("change", (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.id === "tg-unit" && select.value) {
    window.location.href = select.value;
  }
});
