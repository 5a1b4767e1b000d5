// @ts-check
// Leaving out of the applicant's page the rules that cannot match there: the staff
// preview's (the applicant's download never pays for staff features) and the shadow
// root's (:host; the stand-alone page has none). Works on minified CSS (esbuild's
// output) by brace depth: such selectors leave their lists, a rule with none left goes,
// and so does an at-rule block left empty.

/**
 * Top-level pieces of a stylesheet: `prelude{body}` each.
 * @param {string} css
 * @returns {{ prelude: string, body: string }[]}
 */
function blocks(css) {
  /** @type {{ prelude: string, body: string }[]} */
  const out = [];
  let depth = 0;
  let start = 0;
  let open = -1;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      if (end < 0) throw new Error('css: an unterminated string');
      i = end;
    } else if (c === '{') {
      if (depth === 0) open = i;
      depth += 1;
    } else if (c === '}') {
      depth -= 1;
      if (depth < 0) throw new Error('css: an unbalanced "}"');
      if (depth === 0) {
        out.push({ prelude: css.slice(start, open), body: css.slice(open + 1, i) });
        start = i + 1;
      }
    }
  }
  if (depth !== 0 || css.slice(start).trim()) throw new Error('css: unbalanced braces or a statement without a block');
  return out;
}

/**
 * The selectors of a selector list (commas inside parentheses do not split).
 * @param {string} list
 */
function selectors(list) {
  const out = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth += 1;
    else if (list[i] === ')') depth -= 1;
    else if (list[i] === ',' && depth === 0) { out.push(list.slice(from, i)); from = i + 1; }
  }
  out.push(list.slice(from));
  return out;
}

/**
 * `css` without the selectors that match `drop` (and rules left without any).
 * @param {string} css minified (esbuild), no import or charset rules
 * @param {(selector: string) => boolean} drop
 * @returns {string}
 */
export function withoutRules(css, drop) {
  return blocks(css).map(({ prelude, body }) => {
    if (/^@(media|supports|layer|container)\b/.test(prelude.trim())) {
      const inner = withoutRules(body, drop);
      return inner ? `${prelude}{${inner}}` : '';
    }
    if (prelude.trim().startsWith('@')) return `${prelude}{${body}}`;
    const kept = selectors(prelude).filter((sel) => !drop(sel));
    return kept.length ? `${kept.join(',')}{${body}}` : '';
  }).join('');
}

/**
 * Whether a selector cannot match on the applicant's stand-alone page: it requires a
 * `.mf-preview…` class itself (not only inside :where/:is/:not/:has, which may match
 * other elements too), or it is the shadow host's.
 * @param {string} selector
 */
export function notOnTheApplicantsPage(selector) {
  const own = selector.replace(/:(where|is|not|has)\([^)]*\)/g, '');
  return /\.mf-preview/.test(own) || /^\s*:host\b/.test(selector);
}
