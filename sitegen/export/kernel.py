"""The LaTeX macros a minimal document defines (`\\documentclass{article}`, no packages), as data.

An exported .bib must compile wherever it is cited, so the export writes a character as a LaTeX
macro only when the macro is one of these; any other character stays UTF-8, which biber passes
through and Unicode engines print. The lists were found by compiling, with pdflatex, the LaTeX
that pylatexenc gives for every character of the Latin, Greek, punctuation, letterlike, arrow
and mathematical-operator blocks; tests/export/test_kernel.py compiles them again, so a list
that claims too much fails there.
"""

from __future__ import annotations

# Text-mode macros (accents are the one-character macros \' \` \^ \" \~ \= \. and need no list).
TEXT = frozenset("""
AE H IJ L O OE ae c i ij l o oe r ss u v enskip hspace kern quad textsuperscript textsubscript
textasciiacute textasciidieresis textasciimacron textasteriskcentered textbrokenbar textbullet
textcelsius textcent textcircledP textcopyright textcurrency textdagger textdaggerdbl textdegree
textdiscount textdiv textdownarrow textellipsis textemdash textendash textestimated textexclamdown
textflorin textfractionsolidus textinterrobang textleftarrow textlnot textmho textmu textnumero
textonehalf textonequarter textonesuperior textordfeminine textordmasculine textparagraph
textperiodcentered textpertenthousand textperthousand textquestiondown textquotedblleft
textquotedblright textquoteleft textquoteright textrecipe textreferencemark textregistered
textrightarrow textsc textsection textservicemark textsterling textthreequarters
textthreesuperior texttimes texttrademark texttwosuperior textuparrow textyen
""".split())

# Math-mode macros: symbols (each one character of output) and structure (fractions, roots,
# fonts, operators, delimiters) that LaTeX itself defines.
MATH_SYMBOLS = frozenset("""
Delta Downarrow Gamma Lambda Leftarrow Leftrightarrow Omega Phi Pi Psi Rightarrow Sigma Theta
Uparrow Updownarrow Upsilon Vert Xi aleph alpha angle approx asymp beta bigcap bigcup bigvee
bigwedge bowtie bullet cap cdot cdots chi circ cong coprod cup dashv ddots delta diamond doteq ell
epsilon equiv eta exists forall gamma geq gg hbar hookleftarrow hookrightarrow in infty int iota
kappa lambda leftharpoondown leftharpoonup leftrightarrow leq ll mapsto mid mp mu nabla nearrow neq
ni notin nu nwarrow odot oint omega ominus oplus oslash otimes parallel partial perp phi pi pm prec
preceq prod propto psi rho rightharpoondown rightharpoonup rightleftharpoons searrow sigma sim simeq
sqcap sqcup sqsubseteq sqsupseteq star subset subseteq succ succeq sum supset supseteq swarrow tau
theta times top updownarrow uplus upsilon varepsilon varphi varpi varrho varsigma vartheta vdash
vdots vee wedge wp wr xi zeta
""".split())
MATH_STRUCTURE = frozenset("""
acute bar breve check ddot dot grave hat tilde vec widehat widetilde overline underline
frac sqrt mathcal mathrm mathit mathbf mathsf mathtt mathnormal mathbin mathop mathrel
log ln lg exp min max sin cos tan sinh cosh tanh lim liminf limsup sup inf arg det dim ker Pr
left right big Big bigg Bigg langle rangle lfloor rfloor lceil rceil lbrace rbrace
ldots dots prime emptyset setminus to gets leftarrow rightarrow colon ast backslash not
quad qquad limits nolimits
""".split())
MATH = MATH_SYMBOLS | MATH_STRUCTURE

# Math macros of the AMS packages (amssymb, amsmath), common in titles: kept as written, so a
# document that cites such a title needs those packages, as the title's own authors did.
MATH_AMS = frozenset("""
mathbb mathfrak text operatorname boldsymbol varnothing lesssim gtrsim leqslant geqslant triangleq
""".split())

# One-character macros allowed in math: thin, medium and negative spaces, a norm bar, braces.
MATH_PUNCTUATION = frozenset(",;:! |{}")
