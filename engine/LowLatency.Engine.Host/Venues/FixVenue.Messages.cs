using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Fix.Messages;

namespace LowLatency.Engine.Host.Venues;

/// <summary>Engine orders as FIX messages: lots and ticks to quantities and prices, our enums to FIX codes.</summary>
public sealed partial class FixVenue
{
    private NewOrderSingle NewOrder(in Intent intent)
    {
        var instrument = _registry[intent.InstrumentId];
        return new NewOrderSingle(
            new ClOrdId(_orderPrefix, intent.OrderId, 0, intent.Incarnation), _symbols[intent.InstrumentId], SideCode(intent.Side), instrument.LotsToQuantity(intent.QuantityLots),
            OrdTypeCode(intent.Type), instrument.TicksToPrice(intent.LimitTicks), instrument.TicksToPrice(intent.StopTicks), TifCode(intent.TimeInForce), DateTime.UtcNow);
    }

    /// <summary>
    /// Cancels our order <paramref name="orderId"/> of <paramref name="incarnation"/> as the venue knows it (ClOrdID
    /// <paramref name="version"/>), under the cancel's own versioned ClOrdID (<paramref name="cancelVersion"/>: the
    /// order's first cancel is 0).
    /// </summary>
    private OrderCancelRequest CancelMessage(long orderId, int incarnation, int version, int cancelVersion, int instrumentId, byte side, decimal quantity) => new(
        new ClOrdId(_cancelPrefix, orderId, cancelVersion, incarnation), new ClOrdId(_orderPrefix, orderId, version, incarnation), _symbols[instrumentId], side, quantity, DateTime.UtcNow);

    private OrderCancelReplaceRequest ReplaceMessage(VenueOrder order, int version, int newVersion, long lots)
    {
        var instrument = _registry[order.InstrumentId];
        return new OrderCancelReplaceRequest(
            new ClOrdId(_orderPrefix, order.OrderId, newVersion, order.Incarnation), new ClOrdId(_orderPrefix, order.OrderId, version, order.Incarnation), _symbols[order.InstrumentId], SideCode(order.Side),
            instrument.LotsToQuantity(lots), OrdTypeCode(order.Type), instrument.TicksToPrice(order.LimitTicks), instrument.TicksToPrice(order.StopTicks), TifCode(order.TimeInForce), DateTime.UtcNow);
    }

    /// <summary>Asked by the order's first ClOrdID, which the venue knows whatever became of the replaces (after a restart we may not know which it accepted last).</summary>
    private OrderStatusRequest StatusRequest(VenueOrder order) => new(new ClOrdId(_orderPrefix, order.OrderId, 0, order.Incarnation), _symbols[order.InstrumentId], SideCode(order.Side));

    private static byte SideCode(Side side) => side == Side.Buy ? FixCodes.SideBuy : FixCodes.SideSell;

    private static byte OrdTypeCode(OrderType type) => type switch
    {
        OrderType.Market => FixCodes.OrdTypeMarket,
        OrderType.Limit => FixCodes.OrdTypeLimit,
        OrderType.Stop => FixCodes.OrdTypeStop,
        _ => FixCodes.OrdTypeStopLimit,
    };

    private static byte TifCode(TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => FixCodes.TifGtc,
        TimeInForce.Ioc => FixCodes.TifIoc,
        TimeInForce.Fok => FixCodes.TifFok,
        _ => FixCodes.TifDay,
    };
}
