SELECT E'it\'s; escaped', e'back\\slash;';
SELECT E'\\';
SELECT E'tab\t;newline\n';
