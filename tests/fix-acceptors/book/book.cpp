// A matching venue for the FIX tests, on QuickFIX's acceptor (session layer, store, logs). QuickFIX's own
// examples fill at once (executor) or match without cancel/replace or order status (ordermatch); this one is
// the counterparty for what they cannot answer:
//   NewOrderSingle   limit, market, stop, stop-limit; Day, GTC, IOC. Limits rest and cross between sessions at
//                    the resting price, price then time; a stop waits for a trade at or through its price.
//   Cancel (F)       by the order's current ClOrdID only (as venues require); otherwise OrderCancelReject.
//   Replace (G)      new quantity and price under a new ClOrdID; a quantity at or below what is filled is
//                    refused with OrderCancelReject. Reports after it carry the new ClOrdID.
//   Status (H)       by any ClOrdID the order has had; an unknown one is answered with OrdStatus=8.
//   Mass status (AF) FIX 4.4: one ExecutionReport (ExecType I) per open order of the session, the last with
//                    LastRptRequested=Y; with none, one report (ClOrdID NONE, TotNumReports=0, LastRptRequested=Y).
// FIX 4.2 and 4.4 (BeginString from the config), read and written as generic messages.
// stdin, one command a line (a misbehaving venue on purpose):
//   report TARGET CLORDID SYMBOL SIDE ORDSTATUS CUMQTY LASTQTY LASTPX   sends that ExecutionReport to TARGET
//   refuse-replaces                                                     every replace from now on is refused
//   refuse-cancels [N]                                                  the next N cancels (default 1) are refused, the order left working
//   hold                                                                cancels, replaces, status requests wait unanswered ("book: held F <ClOrdID>")
//   disconnect TARGET                                                   drops TARGET's connection ("book: disconnected TARGET"); it may log on again
//   release                                                             ... and are answered now, in order ("book: released N requests")
//   md-symbols SYMBOL...                                                these symbols have market data (MarketData.h)
//   md-quote SYMBOL BID BIDQTY ASK ASKQTY                               a market maker's quote: replaces its orders in SYMBOL
//   md-replay FILE [MS]                                                 each line of FILE (symbol,bid,bidqty,ask,askqty) an
//                                                                       md-quote, MS milliseconds apart; "book: replayed N quotes"
//   md-drop                                                             the next incremental refresh is lost on the way
//   md-raw TARGET MSGTYPE TAG=VALUE|...                                 that market data message to TARGET (entries after 268)
// The maker's orders rest and trade like anyone's; its own fills are reported to no one.
#include "quickfix/FileStore.h"
#include "quickfix/Log.h"
#include "quickfix/SessionSettings.h"
#include "quickfix/SocketAcceptor.h"
#include "Book.h"
#include <chrono>
#include <fstream>
#include <thread>

namespace
{
// One stdin command (see above).
void command( Book& book, const std::string& line )
{
  std::istringstream in( line );
  std::string verb;
  in >> verb;
  if ( verb == "refuse-replaces" ) { book.refuseReplaces(); return; }
  if ( verb == "hold" ) { book.hold(); return; }
  if ( verb == "release" ) { book.release(); return; }
  if ( verb == "refuse-cancels" ) { int n = 1; in >> n; book.refuseCancels( n ); return; }
  if ( verb == "disconnect" ) { std::string target; in >> target; book.disconnect( target ); return; }
  if ( verb == "report" )
  {
    std::string target, clOrdId, symbol, side, ordStatus, cum, lastQty, lastPx;
    in >> target >> clOrdId >> symbol >> side >> ordStatus >> cum >> lastQty >> lastPx;
    if ( !lastPx.empty() ) { book.crafted( target, clOrdId, symbol, side, ordStatus, cum, lastQty, lastPx ); return; }
  }
  else if ( verb == "md-symbols" )
  {
    for ( std::string symbol; in >> symbol; ) book.marketDataSymbol( symbol );
    say( "book: market data symbols set" );
    return;
  }
  else if ( verb == "md-drop" ) { book.dropIncrement(); return; }
  else if ( verb == "md-raw" )
  {
    std::string target, type, fields;
    if ( in >> target >> type >> fields ) { book.raw( target, type, fields ); return; }
  }
  else if ( verb == "md-quote" )
  {
    std::string symbol;
    double bid = 0, bidQty = 0, ask = 0, askQty = 0;
    if ( in >> symbol >> bid >> bidQty >> ask >> askQty ) { book.quote( symbol, bid, bidQty, ask, askQty ); say( "book: quoted " + symbol ); return; }
  }
  else if ( verb == "md-replay" )
  {
    std::string file;
    int ms = 0;
    in >> file >> ms;
    std::ifstream rows( file.c_str() );
    long n = 0;
    for ( std::string row; std::getline( rows, row ); )
    {
      for ( auto& c : row ) if ( c == ',' ) c = ' ';
      std::istringstream fields( row );
      std::string symbol;
      double bid = 0, bidQty = 0, ask = 0, askQty = 0;
      if ( !( fields >> symbol >> bid >> bidQty >> ask >> askQty ) ) continue; // the header, or a blank line
      book.quote( symbol, bid, bidQty, ask, askQty );
      ++n;
      if ( ms > 0 ) std::this_thread::sleep_for( std::chrono::milliseconds( ms ) );
    }
    say( "book: replayed " + std::to_string( n ) + " quotes" );
    return;
  }
  say( "book: unknown command: " + line );
}
}

int main( int argc, char** argv )
{
  if ( argc != 2 ) { std::cout << "usage: " << argv[0] << " FILE" << std::endl; return 2; }
  try
  {
    FIX::SessionSettings settings( argv[1] );
    Book book;
    FIX::FileStoreFactory store( settings );
    FIX::ScreenLogFactory log( settings );
    FIX::SocketAcceptor acceptor( book, store, settings, log );
    acceptor.start();
    std::string line;
    while ( std::getline( std::cin, line ) )
    {
      if ( line == "#quit" ) break;
      if ( !line.empty() ) command( book, line );
    }
    // stdin closed: keep serving until killed, like the examples with a silent pipe
    while ( std::cin.eof() ) FIX::process_sleep( 1 );
    acceptor.stop();
    return 0;
  }
  catch ( std::exception& e )
  {
    std::cout << e.what() << std::endl;
    return 1;
  }
}
