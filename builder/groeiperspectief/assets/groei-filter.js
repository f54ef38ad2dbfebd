// "Aansluiten": filter the open requests by kind of organisation and theme. Without script every
// request shows, grouped by kind (the form stays hidden): the page works either way.
(function () {
  function setup(form) {
    var soort = form.querySelector('select[name="soort"]');
    var thema = form.querySelector('select[name="thema"]');
    var count = form.querySelector(".gp-filter__count");
    var groups = document.querySelectorAll("[data-gp-group]");
    function apply() {
      var shown = 0;
      groups.forEach(function (group) {
        var inGroup = 0;
        group.querySelectorAll("[data-soort]").forEach(function (item) {
          var themes = (item.getAttribute("data-themas") || "").split(" ");
          var ok = (!soort.value || item.getAttribute("data-soort") === soort.value) &&
            (!thema.value || themes.indexOf(thema.value) >= 0);
          item.hidden = !ok;
          if (ok) inGroup += 1;
        });
        group.hidden = inGroup === 0;
        shown += inGroup;
      });
      count.textContent = shown === 1 ? "1 verzoek getoond" : shown + " verzoeken getoond";
    }
    form.hidden = false;
    soort.addEventListener("change", apply);
    thema.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var wanted = (location.hash || "").replace(/^#soort-/, "");
    if (wanted && soort.querySelector('option[value="' + wanted.replace(/[^a-z]/g, "") + '"]')) soort.value = wanted;
    apply();
  }
  function init() { document.querySelectorAll("form[data-gp-filter]").forEach(setup); }
  window.groeiReady(init);
})();
