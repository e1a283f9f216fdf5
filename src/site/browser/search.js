// The archive's search, in the page: no server, no fetch (the index is a script beside this one,
// so it works from file:// too). A phrase is found as it is written; hits that start and end on a
// word boundary of the segmenter come first, and only when there are none are hits inside words
// shown, said as such.
(function () {
  'use strict';
  var data = window.BULLETIN_SEARCH;
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!data || !form || !input || !status || !list) return;

  var docs = data.docs.map(function (d) {
    var bounds = new Set();
    var at = 0;
    for (var i = 0; i < d.b.length; i++) {
      at += d.b[i];
      bounds.add(at);
    }
    return { issue: d.i, title: d.t, url: d.u, text: d.x, folded: fold(d.x), bounds: bounds };
  });

  // Latin letters and full-width forms compare as their plain lower-case selves; lengths stay the same.
  function fold(s) {
    return s.replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).toLowerCase();
  }

  function occurrences(doc, term) {
    var found = [];
    for (var at = doc.folded.indexOf(term); at >= 0; at = doc.folded.indexOf(term, at + 1)) {
      found.push({ start: at, end: at + term.length, whole: doc.bounds.has(at) && doc.bounds.has(at + term.length) });
    }
    return found;
  }

  function search(query) {
    var terms = fold(query).split(/[\s\u3000]+/).filter(Boolean);
    if (!terms.length) return { terms: terms, whole: [], partial: [] };
    var whole = [];
    var partial = [];
    docs.forEach(function (doc) {
      var hits = [];
      for (var i = 0; i < terms.length; i++) {
        var found = occurrences(doc, terms[i]);
        if (!found.length) return;
        hits.push(found);
      }
      var allWhole = hits.every(function (f) {
        return f.some(function (o) { return o.whole; });
      });
      var count = hits.reduce(function (n, f) { return n + f.length; }, 0);
      var first = hits[0].filter(function (o) { return o.whole || !allWhole; })[0];
      var inTitle = terms.every(function (t) { return fold(doc.title).indexOf(t) >= 0; });
      (allWhole ? whole : partial).push({ doc: doc, first: first, score: (inTitle ? 1000 : 0) + count });
    });
    var byScore = function (a, b) { return b.score - a.score; };
    return { terms: terms, whole: whole.sort(byScore), partial: partial.sort(byScore) };
  }

  function snippet(doc, hit) {
    var from = Math.max(0, hit.start - 40);
    var to = Math.min(doc.text.length, hit.end + 60);
    var p = document.createElement('p');
    p.className = 'search-snippet';
    p.appendChild(document.createTextNode((from > 0 ? '…' : '') + doc.text.slice(from, hit.start).replace(/\n/g, ' ')));
    var mark = document.createElement('mark');
    mark.textContent = doc.text.slice(hit.start, hit.end);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(doc.text.slice(hit.end, to).replace(/\n/g, ' ') + (to < doc.text.length ? '…' : '')));
    return p;
  }

  function show(query) {
    list.textContent = '';
    var result = search(query);
    if (!result.terms.length) {
      status.textContent = '输入词语，查找各期文章。';
      return;
    }
    var rows = result.whole.length ? result.whole : result.partial;
    if (!rows.length) status.textContent = '没有找到“' + query.trim() + '”。';
    else if (result.whole.length) status.textContent = '找到 ' + rows.length + ' 篇文章含有“' + query.trim() + '”。';
    else status.textContent = '没有完整词语的结果；以下 ' + rows.length + ' 篇文章含有这些字：';
    rows.forEach(function (row) {
      var li = document.createElement('li');
      li.className = 'search-result';
      var a = document.createElement('a');
      a.href = row.doc.url;
      a.textContent = row.doc.title;
      var issue = document.createElement('span');
      issue.className = 'search-issue';
      issue.textContent = row.doc.issue;
      li.appendChild(a);
      li.appendChild(issue);
      li.appendChild(snippet(row.doc, row.first));
      list.appendChild(li);
    });
  }

  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  show(query);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = input.value;
    // The query goes into the address (back and forward work, a search can be shared).
    try {
      window.history.pushState(null, '', '?q=' + encodeURIComponent(q));
    } catch (error) {
      // Some browsers refuse pushState for file:// pages: load the page with the query instead.
      window.location.search = '?q=' + encodeURIComponent(q);
      return;
    }
    show(q);
  });
  window.addEventListener('popstate', function () {
    var q = new URLSearchParams(window.location.search).get('q') || '';
    input.value = q;
    show(q);
  });
})();
