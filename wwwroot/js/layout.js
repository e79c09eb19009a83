// The shell's narrow-screen menu (MainLayout): the drawer opens with a CSS checkbox toggle; following one of its
// links closes it again, as an enhanced navigation keeps the page (and the checkbox) in place.
document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element) || !event.target.closest(".app-shell .mud-drawer a")) {
        return;
    }

    const toggle = document.getElementById("app-nav-toggle");
    if (toggle instanceof HTMLInputElement) {
        toggle.checked = false;
    }
});
