namespace LowLatency.Ipc;

/// <summary>One real venue's session as the engine reports it each status interval (for <c>/api/health</c> and <c>/metrics</c>); <see cref="Reconciled"/>: new orders go to it; <see cref="Type"/>: <c>fix</c>, <c>binance</c> (spot) or <c>binanceusdm</c> (USDⓈ-M futures, CCXT's name); <see cref="State"/> is <c>active</c> while connected.</summary>
public sealed record VenueStats(
    string Name,
    string State,
    string LastEvent,
    long MessagesIn,
    long MessagesOut,
    long ResendRequestsSent,
    long ResendRequestsReceived,
    long MessagesResent,
    long RejectsReceived,
    long GarbledReceived,
    long Logons,
    long OrdersSent,
    double? OrderToAckP50Us,
    double? OrderToAckP99Us,
    bool Reconciled = true,
    string Type = "fix");
