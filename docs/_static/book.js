// The menu and contents buttons in sphinx-book-theme's article header do nothing as
// shipped: the theme scripts listen only to the first .primary-toggle / .secondary-toggle
// of the page, which is pydata-sphinx-theme's own (hidden in this theme). Pass clicks on
// the visible buttons on to those first ones.
document.addEventListener("click", (event) => {
  for (const kind of ["primary-toggle", "secondary-toggle"]) {
    const button = event.target.closest(`.${kind}`);
    const first = document.querySelector(`.${kind}`);
    if (button && first && button !== first) {
      event.preventDefault();
      first.click();
    }
  }
});
