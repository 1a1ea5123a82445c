namespace LowLatency.Fix.Messages;

/// <summary>The MDEntryType (269) and MDUpdateAction (279) values this engine reads, as FIX 4.2/4.4 define them.</summary>
public static class MdEntryTypes
{
    public const byte Bid = (byte)'0';
    public const byte Offer = (byte)'1';
    public const byte Trade = (byte)'2';

    public const byte ActionNew = (byte)'0';
    public const byte ActionChange = (byte)'1';
    public const byte ActionDelete = (byte)'2';
}
