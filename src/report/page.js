// Counts the marks of each chart that the browser laid out (for automated
// checks) and sorts a table view when a header is clicked.
(function () {
  var charts = document.querySelectorAll('svg.chart');
  for (var i = 0; i < charts.length; i++) {
    var marks = charts[i].querySelectorAll('.mark'), n = 0;
    for (var j = 0; j < marks.length; j++) {
      var b = marks[j].getBoundingClientRect();
      if (b.width > 0 || b.height > 0) n++;
    }
    charts[i].setAttribute('data-rendered', String(n));
  }
  var number = /^-?\d+(\.\d+)?$/;
  var heads = document.querySelectorAll('table.data th');
  for (var k = 0; k < heads.length; k++) {
    heads[k].addEventListener('click', function () {
      var th = this, body = th.closest('table').tBodies[0], col = th.cellIndex;
      var asc = th.getAttribute('data-asc') !== '1';
      th.setAttribute('data-asc', asc ? '1' : '0');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var c = number.test(x) && number.test(y) ? x - y : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  }
  document.documentElement.setAttribute('data-ready', '1');
})();
