// One line to stdout in one write. QuickFIX's screen log writes to the same stdout from its own threads, piece by
// piece; a line of ours built with several << can be split by it, and the tests, which wait for whole lines, would
// never see it.
#ifndef BOOK_SAY_H
#define BOOK_SAY_H
#include <cstdio>
#include <string>

inline void say( const std::string& line )
{
  const std::string text = line + "\n";
  std::fwrite( text.data(), 1, text.size(), stdout );
  std::fflush( stdout );
}
#endif
