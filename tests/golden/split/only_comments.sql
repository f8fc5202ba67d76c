-- nothing to run here;
/* not even; this */

   -- an indented comment
