// The book's ExecutionReports and OrderCancelRejects as FIX messages, in the spelling of the session's version.
#ifndef BOOK_REPORTS_H
#define BOOK_REPORTS_H
#include "quickfix/Session.h"
#include "MarketData.h"
#include "Order.h"
#include <memory>
#include <string>

class Reports
{
protected:
  static bool is42( const FIX::SessionID& session ) { return session.getBeginString().getValue() == "FIX.4.2"; }

  FIX::Message header( const FIX::SessionID& session, char execType )
  {
    FIX::Message r;
    r.getHeader().setField( 35, "8" );
    r.setField( 17, "E" + std::to_string( ++m_nextExec ) );
    if ( is42( session ) ) r.setField( 20, "0" );
    r.setField( 150, std::string( 1, is42( session ) || ( execType != '1' && execType != '2' ) ? execType : 'F' ) );
    return r;
  }

  FIX::Message report( const Order& o, char execType, char ordStatus )
  {
    FIX::Message r = header( o.session, execType );
    r.setField( 37, o.orderId.empty() ? "NONE" : o.orderId );
    r.setField( 11, o.clOrdId );
    r.setField( 55, o.symbol.empty() ? "?" : o.symbol );
    r.setField( 54, std::string( 1, o.side ) );
    r.setField( 39, std::string( 1, ordStatus ) );
    r.setField( 38, number( o.qty ) );
    if ( o.price > 0 ) r.setField( 44, number( o.price ) );
    r.setField( 151, number( o.leaves() ) );
    r.setField( 14, number( o.cum ) );
    r.setField( 6, number( o.avgPx ) );
    if ( o.lastQty > 0 ) { r.setField( 32, number( o.lastQty ) ); r.setField( 31, number( o.lastPx ) ); }
    return r;
  }

  void send( const Order& o, char execType )
  {
    if ( o.maker ) return;
    FIX::Message r = report( o, execType, o.status() );
    FIX::Session::sendToTarget( r, o.session );
  }

  void cancelReject( const FIX::SessionID& session, const std::string& clOrdId, const std::string& orig,
                     const std::shared_ptr<Order>& order, char responseTo, const std::string& text )
  {
    FIX::Message r;
    r.getHeader().setField( 35, "9" );
    r.setField( 37, order ? order->orderId : "NONE" );
    r.setField( 11, clOrdId );
    r.setField( 41, orig );
    r.setField( 39, std::string( 1, order ? order->status() : '8' ) );
    r.setField( 434, std::string( 1, responseTo ) );
    r.setField( 102, order ? "0" : "1" ); // too late / unknown order
    r.setField( 58, text );
    FIX::Session::sendToTarget( r, session );
  }

private:
  long m_nextExec = 0;
};
#endif
