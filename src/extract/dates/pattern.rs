//! The pattern language of `patterns.tsv`: sequences of word classes.
//!
//! A pattern is a sequence of elements separated by spaces. An element is a
//! class name (`DAY`, `MONTH`, `PREP`, ... see [`Class::pattern_name`]),
//! alternatives joined by `|` (`TO|AND`), or a parenthesised group; any
//! element may be followed by `?` (optional), `*` (any number) or `+` (one
//! or more). A class name ending in `2` (`DAY2`, `MONTH2`, `YEAR2`,
//! `WEEKDAY2`) fills the *end* of a range instead of its start.
//!
//! Patterns compile to small Thompson automata over the items of a text
//! (words and numbers); matching explores them depth-first and keeps the
//! longest match. Consecutive items must be adjacent (only spaces between
//! them, same sentence), which the caller states in `joined`.

use super::class::Class;

/// One element of a match: which item filled which class, and whether it
/// belongs to the end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cap {
    /// Index of the item.
    pub item: usize,
    /// The class it matched as.
    pub class: Class,
    /// True for the `...2` classes (end of a range).
    pub second: bool,
}

#[derive(Debug, Clone)]
enum Node {
    Item(Vec<(Class, bool)>),
    Group(Vec<Node>),
    Repeat(Box<Node>, char),
}

#[derive(Debug, Clone)]
enum State {
    Item {
        alts: Vec<(Class, bool)>,
        next: usize,
    },
    Split(usize, usize),
    Accept,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// The pattern's name (first column of the file), for tests and debugging.
    pub name: String,
    states: Vec<State>,
    start: usize,
    /// Classes that can fill the first item of a match.
    pub first: u32,
    /// Classes every match holds an item of (`DAY` and `MONTH` for
    /// `DAY MONTH YEAR?`): a run of items lacking one cannot match.
    pub required: u32,
}

fn parse_seq(chars: &[char], pos: &mut usize, in_group: bool) -> Result<Vec<Node>, String> {
    let mut nodes = Vec::new();
    loop {
        while *pos < chars.len() && chars[*pos].is_whitespace() {
            *pos += 1;
        }
        if *pos >= chars.len() {
            if in_group {
                return Err("unclosed '('".into());
            }
            return Ok(nodes);
        }
        let node = match chars[*pos] {
            ')' if in_group => {
                *pos += 1;
                return Ok(nodes);
            }
            '(' => {
                *pos += 1;
                let inner = parse_seq(chars, pos, true)?;
                if inner.is_empty() {
                    return Err("empty group '()'".into());
                }
                Node::Group(inner)
            }
            c if c.is_ascii_uppercase() => {
                let start = *pos;
                while *pos < chars.len()
                    && (chars[*pos].is_ascii_alphanumeric() || chars[*pos] == '|')
                {
                    *pos += 1;
                }
                let word: String = chars[start..*pos].iter().collect();
                let mut alts = Vec::new();
                for name in word.split('|') {
                    alts.push(parse_name(name)?);
                }
                Node::Item(alts)
            }
            c => return Err(format!("unexpected '{c}'")),
        };
        let node = match chars.get(*pos) {
            Some(&q @ ('?' | '*' | '+')) => {
                *pos += 1;
                if q != '?' && nullable(&node) {
                    return Err(format!("'{q}' applied to something that can match nothing"));
                }
                Node::Repeat(Box::new(node), q)
            }
            _ => node,
        };
        nodes.push(node);
    }
}

fn parse_name(name: &str) -> Result<(Class, bool), String> {
    let (base, second) = match name.strip_suffix('2') {
        Some(b) => (b, true),
        None => (name, false),
    };
    Class::ALL
        .iter()
        .find(|c| c.pattern_name() == base)
        .map(|c| (*c, second))
        .ok_or_else(|| {
            let known: Vec<&str> = Class::ALL.iter().map(|c| c.pattern_name()).collect();
            format!("unknown class '{name}' (known: {})", known.join(", "))
        })
}

fn nullable(node: &Node) -> bool {
    match node {
        Node::Item(_) => false,
        Node::Group(nodes) => nodes.iter().all(nullable),
        Node::Repeat(inner, q) => *q != '+' || nullable(inner),
    }
}

/// Compiles `node` so that it continues to state `next`; returns its entry state.
fn compile(node: &Node, next: usize, states: &mut Vec<State>) -> usize {
    match node {
        Node::Item(alts) => {
            states.push(State::Item {
                alts: alts.clone(),
                next,
            });
            states.len() - 1
        }
        Node::Group(nodes) => nodes
            .iter()
            .rev()
            .fold(next, |acc, n| compile(n, acc, states)),
        Node::Repeat(inner, '?') => {
            let body = compile(inner, next, states);
            states.push(State::Split(body, next));
            states.len() - 1
        }
        Node::Repeat(inner, q) => {
            states.push(State::Split(usize::MAX, next));
            let looped = states.len() - 1;
            let body = compile(inner, looped, states);
            states[looped] = State::Split(body, next);
            if *q == '+' { body } else { looped }
        }
    }
}

impl Pattern {
    /// Parses and compiles one pattern.
    pub(crate) fn parse(name: &str, text: &str) -> Result<Pattern, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut pos = 0;
        let nodes = parse_seq(&chars, &mut pos, false)?;
        if nodes.iter().all(nullable) {
            return Err("the pattern can match nothing".into());
        }
        let mut states = vec![State::Accept];
        let start = compile(&Node::Group(nodes), 0, &mut states);
        let mut pattern = Pattern {
            name: name.to_string(),
            states,
            start,
            first: 0,
            required: 0,
        };
        pattern.first = pattern.first_classes(pattern.start, &mut Vec::new());
        pattern.required = Class::ALL
            .iter()
            .filter(|c| !pattern.accepts_avoiding(pattern.start, c.bit(), false, &mut Vec::new()))
            .fold(0, |m, c| m | c.bit());
        if pattern.accepts_avoiding(pattern.start, Class::core_mask(), true, &mut Vec::new()) {
            let core: Vec<&str> = Class::CORE.iter().map(|c| c.pattern_name()).collect();
            return Err(format!(
                "the pattern can match without any of {}",
                core.join(", ")
            ));
        }
        Ok(pattern)
    }

    /// True when some path from `s` reaches Accept while avoiding the
    /// classes of `mask`: with `every_alternative`, through items none of
    /// whose alternatives is in `mask` (the path cannot hold such a class);
    /// otherwise through items that each have an alternative outside `mask`
    /// (the path can be filled without one).
    fn accepts_avoiding(
        &self,
        s: usize,
        mask: u32,
        every_alternative: bool,
        seen: &mut Vec<usize>,
    ) -> bool {
        if seen.contains(&s) {
            return false;
        }
        seen.push(s);
        match &self.states[s] {
            State::Accept => true,
            State::Split(a, b) => {
                self.accepts_avoiding(*a, mask, every_alternative, seen)
                    || self.accepts_avoiding(*b, mask, every_alternative, seen)
            }
            State::Item { alts, next } => {
                let outside = |(c, _): &_| Class::bit(*c) & mask == 0;
                let passes = if every_alternative {
                    alts.iter().all(outside)
                } else {
                    alts.iter().any(outside)
                };
                passes && self.accepts_avoiding(*next, mask, every_alternative, seen)
            }
        }
    }

    fn first_classes(&self, s: usize, seen: &mut Vec<usize>) -> u32 {
        if seen.contains(&s) {
            return 0;
        }
        seen.push(s);
        match &self.states[s] {
            State::Item { alts, .. } => alts.iter().fold(0, |m, (c, _)| m | c.bit()),
            State::Split(a, b) => self.first_classes(*a, seen) | self.first_classes(*b, seen),
            State::Accept => 0,
        }
    }

    /// The longest match starting at item `start`: the index one past its
    /// last item and its captures. `classes[i]` is item i's class mask;
    /// `joined[i]` says item i directly follows item i-1.
    pub(crate) fn longest(
        &self,
        start: usize,
        classes: &[u32],
        joined: &[bool],
    ) -> Option<(usize, Vec<Cap>)> {
        let mut best = None;
        let mut caps = Vec::new();
        self.explore(
            self.start, start, start, classes, joined, &mut caps, &mut best,
        );
        best
    }

    #[allow(clippy::too_many_arguments)]
    fn explore(
        &self,
        s: usize,
        pos: usize,
        start: usize,
        classes: &[u32],
        joined: &[bool],
        caps: &mut Vec<Cap>,
        best: &mut Option<(usize, Vec<Cap>)>,
    ) {
        match &self.states[s] {
            State::Accept => {
                if best.as_ref().is_none_or(|(end, _)| pos > *end) {
                    *best = Some((pos, caps.clone()));
                }
            }
            State::Split(a, b) => {
                self.explore(*a, pos, start, classes, joined, caps, best);
                self.explore(*b, pos, start, classes, joined, caps, best);
            }
            State::Item { alts, next } => {
                if pos >= classes.len() || (pos > start && !joined[pos]) {
                    return;
                }
                if let Some((class, second)) =
                    alts.iter().find(|(c, _)| classes[pos] & c.bit() != 0)
                {
                    caps.push(Cap {
                        item: pos,
                        class: *class,
                        second: *second,
                    });
                    self.explore(*next, pos + 1, start, classes, joined, caps, best);
                    caps.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(cs: &[Class]) -> u32 {
        cs.iter().fold(0, |m, c| m | c.bit())
    }

    #[test]
    fn optional_group_and_repeat_match_longest() {
        let p = Pattern::parse("list", "DET? DAY ( COMMA DAY )* AND DAY2 MONTH YEAR?").unwrap();
        // les 3 , 4 et 5 mai
        let classes = vec![
            mask(&[Class::Det]),
            mask(&[Class::Day, Class::Num]),
            mask(&[Class::Comma]),
            mask(&[Class::Day]),
            mask(&[Class::And]),
            mask(&[Class::Day]),
            mask(&[Class::Month]),
        ];
        let joined = vec![true; classes.len()];
        let (end, caps) = p.longest(0, &classes, &joined).unwrap();
        assert_eq!(end, 7);
        assert_eq!(caps.iter().filter(|c| c.class == Class::Day).count(), 3);
        assert!(caps.iter().any(|c| c.second && c.item == 5));
        assert_eq!(p.first, mask(&[Class::Det, Class::Day]));
        assert_eq!(p.required, mask(&[Class::Day, Class::And, Class::Month]));
        let p = Pattern::parse("range", "FROM DAY TO|AND DAY2 ( COMMA? YEAR2 )?").unwrap();
        assert_eq!(p.required, mask(&[Class::From, Class::Day]));
    }

    #[test]
    fn adjacency_is_required() {
        let p = Pattern::parse("dm", "DAY MONTH").unwrap();
        let classes = vec![mask(&[Class::Day]), mask(&[Class::Month])];
        assert!(p.longest(0, &classes, &[true, false]).is_none());
        assert_eq!(p.longest(0, &classes, &[true, true]).unwrap().0, 2);
    }

    #[test]
    fn bad_patterns_are_rejected_with_a_reason() {
        assert!(
            Pattern::parse("x", "DAY MONTHS")
                .unwrap_err()
                .contains("MONTHS")
        );
        assert!(Pattern::parse("x", "DET?").is_err());
        assert!(Pattern::parse("x", "(DET?)* DAY").is_err());
        assert!(Pattern::parse("x", "( DAY").is_err());
        assert!(
            Pattern::parse("x", "PREP DET? DAY?")
                .unwrap_err()
                .contains("without")
        );
    }
}
