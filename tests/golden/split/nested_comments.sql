/* outer /* inner; */ still a comment; */
SELECT 1;
SELECT /* a /* b; */ c; */ 2;
