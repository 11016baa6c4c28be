// Seg.g4 - the grammar of the Seg segmentation language (see docs/language.md).
// Expressions use one rule per precedence level (loosest first) so that long operator
// chains give flat parse trees and parsing depth grows only with real nesting.
grammar Seg;

@parser::members {
  // A binary '+' or '-' that starts a new line begins a new score rule (`-10 if ...`)
  // instead of continuing the expression on the line above.
  bool onSameLineAsPrevious() {
    auto *next = _input->LT(1);
    auto *previous = _input->LT(-1);
    return previous == nullptr || next == nullptr || previous->getLine() == next->getLine();
  }
}

program : item* EOF ;

item
  : importDecl
  | schemaDecl
  | segmentDecl
  | partitionDecl
  | scoreDecl
  | metricDecl
  | clusterDecl
  ;

importDecl : IMPORT STRING ;

// ---------------------------------------------------------------- schema
schemaDecl   : SCHEMA '{' schemaMember* '}' ;
schemaMember : contactDecl | eventDecl ;
contactDecl  : CONTACT '{' fieldDecl* '}' ;
eventDecl    : EVENT name '{' fieldDecl* '}' ;
fieldDecl    : name ':' typeRef fieldModifier* ;
typeRef
  : name nullable='?'?                                           # namedType
  | ENUM '{' name (',' name)* ','? '}' nullable='?'?              # enumType
  ;
fieldModifier : KEY | PII ;

// ---------------------------------------------------------------- definitions
segmentDecl   : SEGMENT name '=' expr ;
partitionDecl : PARTITION name '{' partitionBranch* '}' ;
partitionBranch
  : name '=' ELSE                                                # elseBranch
  | name '=' expr                                                # condBranch
  ;

scoreDecl : SCORE name '{' scoreItem* '}' ;
scoreItem
  : DECAY HALF_LIFE expr                                          # decayItem
  | RANGE low=signedNumber high=signedNumber                      # rangeItem
  | points=signedNumber PER event=name (WHERE cond=expr)? (WITHIN window=expr)?
    (MAX cap=signedNumber)?                                      # perRule
  | signedNumber IF expr                                         # ifRule
  ;
signedNumber : sign=('-' | '+')? (INT | FLOAT) ;

// K-means: options (`k 4`, `seed 7`) and named numeric features, one per line.
clusterDecl : CLUSTER name '{' clusterItem* '}' ;
clusterItem
  : name '=' expr                                                # clusterFeature
  | option=name value=signedNumber                               # clusterOption
  ;

metricDecl : METRIC metricName=name '=' value=expr (FOR filter=expr)?
             (BY groups+=name (',' groups+=name)*)? ;

// ---------------------------------------------------------------- expressions
expr : orExpr ;
orExpr  : andExpr (OR andExpr)* ;
andExpr : notExpr (AND notExpr)* ;
notExpr
  : NOT notExpr                                                  # negation
  | comparison                                                   # plainComparison
  ;
comparison : additive comparisonTail? ;
comparisonTail
  : compareOp additive                                           # compareTail
  | NOT? BETWEEN low=additive AND high=additive                  # betweenTail
  | NOT? IN '[' (additive (',' additive)* ','?)? ']'             # inTail
  | IS NOT? NULL_KW                                                 # isNullTail
  ;
compareOp : '==' | '!=' | '<' | '<=' | '>' | '>=' ;
additive       : multiplicative ({onSameLineAsPrevious()}? op+=('+' | '-') multiplicative)* ;
multiplicative : unary (op+=('*' | '/' | '%') unary)* ;
unary
  : '-' unary                                                    # negate
  | postfix                                                      # plainUnary
  ;
postfix : primary ('.' name)* ;
primary
  : INT                                                          # intLiteral
  | FLOAT                                                        # floatLiteral
  | NUMBER_WITH_UNIT                                             # durationLiteral
  | STRING                                                       # stringLiteral
  | TIMESTAMP                                                    # timestampLiteral
  | (TRUE_KW | FALSE_KW)                                               # boolLiteral
  | NOW                                                          # nowLiteral
  | name '(' (callArg (',' callArg)*)? ')'                       # call
  | name                                                         # nameRef
  | '(' expr ')'                                                 # parens
  ;
// Event aggregates take `E [where C] [then E2 [where C2]] [within D]`; other calls take
// plain expressions and the checker rejects clauses they cannot use.
callArg : value=expr (WHERE cond=expr)? (THEN next=expr (WHERE nextCond=expr)?)?
          (WITHIN window=expr)? ;

// Words that are keywords only where they introduce a clause stay usable as names.
name : IDENT | CONTACT | EVENT | KEY | PII | DECAY | HALF_LIFE | RANGE | MAX | ENUM | CLUSTER ;

// ---------------------------------------------------------------- lexer
IMPORT    : 'import' ;
SCHEMA    : 'schema' ;
CONTACT   : 'contact' ;
EVENT     : 'event' ;
ENUM      : 'enum' ;
KEY       : 'key' ;
PII       : 'pii' ;
SEGMENT   : 'segment' ;
PARTITION : 'partition' ;
SCORE     : 'score' ;
METRIC    : 'metric' ;
CLUSTER   : 'cluster' ;
ELSE      : 'else' ;
DECAY     : 'decay' ;
HALF_LIFE : 'half_life' ;
RANGE     : 'range' ;
PER       : 'per' ;
IF        : 'if' ;
MAX       : 'max' ;
FOR       : 'for' ;
BY        : 'by' ;
AND       : 'and' ;
OR        : 'or' ;
NOT       : 'not' ;
BETWEEN   : 'between' ;
IN        : 'in' ;
IS        : 'is' ;
NULL_KW      : 'null' ;
TRUE_KW      : 'true' ;
FALSE_KW     : 'false' ;
WHERE     : 'where' ;
WITHIN    : 'within' ;
THEN      : 'then' ;
NOW       : 'now' ;

FLOAT
  : DIGIT+ '.' DIGIT+ EXPONENT?
  | DIGIT+ EXPONENT
  ;
// `30d`, `12h`; any other suffix is lexed too so the checker can name the bad unit.
NUMBER_WITH_UNIT : DIGIT+ [a-zA-Z_] [a-zA-Z_0-9]* ;
INT       : DIGIT+ ;
// Validated (calendar, offset) when the tree is built, to give a precise message.
TIMESTAMP : '@' [0-9A-Za-z:.+\-]* ;
STRING    : '"' (ESCAPE | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;
IDENT     : [a-zA-Z_] [a-zA-Z_0-9]* ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// Longest match would prefer an unterminated comment, so it must not contain '*/'.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
WS : [ \t\r\n\f]+ -> skip ;

LBRACE : '{' ; RBRACE : '}' ; LPAREN : '(' ; RPAREN : ')' ; LBRACKET : '[' ; RBRACKET : ']' ;
COLON : ':' ; COMMA : ',' ; DOT : '.' ; QUESTION : '?' ; ASSIGN : '=' ;
EQ : '==' ; NE : '!=' ; LE : '<=' ; GE : '>=' ; LT : '<' ; GT : '>' ;
PLUS : '+' ; MINUS : '-' ; STAR : '*' ; SLASH : '/' ; PERCENT : '%' ;

// Anything else reaches the parser as one token so it can be reported with its position.
UNEXPECTED_CHAR : . ;

fragment DIGIT    : [0-9] ;
fragment EXPONENT : [eE] [+\-]? DIGIT+ ;
fragment ESCAPE   : '\\' . ;
