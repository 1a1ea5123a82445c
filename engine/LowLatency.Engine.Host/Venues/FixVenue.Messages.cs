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
            new ClOrdId(_orderPrefix, intent.OrderId), _symbols[intent.InstrumentId], SideCode(intent.Side), instrument.LotsToQuantity(intent.QuantityLots),
            OrdTypeCode(intent.Type), instrument.TicksToPrice(intent.LimitTicks), instrument.TicksToPrice(intent.StopTicks), TifCode(intent.TimeInForce), DateTime.UtcNow);
    }

    private OrderCancelRequest CancelMessage(in Intent intent) => new(
        new ClOrdId(_cancelPrefix, intent.OrderId), new ClOrdId(_orderPrefix, intent.OrderId), _symbols[intent.InstrumentId], SideCode(intent.Side),
        _registry[intent.InstrumentId].LotsToQuantity(intent.QuantityLots), DateTime.UtcNow);

    private OrderStatusRequest StatusRequest(in Intent intent) => new(new ClOrdId(_orderPrefix, intent.OrderId), _symbols[intent.InstrumentId], SideCode(intent.Side));

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
