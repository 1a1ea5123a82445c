using System.Buffers.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>
/// The fields the session layer acts on, read from a message in one pass: the standard header, and for
/// session-level messages their few body fields. An application message's body is not read here (the
/// application reads it, once). A field that is absent, or not a number where one is needed, stays unset.
/// </summary>
internal ref struct SessionFields
{
    public ReadOnlySpan<byte> MsgType;
    public long MsgSeqNum;
    public ReadOnlySpan<byte> SenderCompId;
    public ReadOnlySpan<byte> TargetCompId;
    public ReadOnlySpan<byte> SendingTime;
    public ReadOnlySpan<byte> OrigSendingTime;
    public bool PossDup;
    public bool GapFill;
    public bool ResetSeqNum;
    public long NewSeqNo;
    public long BeginSeqNo;
    public long EndSeqNo;
    public long RefSeqNum;
    public long HeartBtInt;
    public ReadOnlySpan<byte> TestReqId;
    public ReadOnlySpan<byte> Text;
    public ReadOnlySpan<byte> SessionRejectReason;
    public ReadOnlySpan<byte> RefTagId;

    /// <summary>Whether MsgType is a session-level type (whose body fields were read too).</summary>
    public readonly bool IsSessionLevel => MsgTypes.IsSessionLevel(MsgType);

    public static SessionFields Read(ReadOnlySpan<byte> raw)
    {
        var fields = default(SessionFields);
        var view = new FixMessageView(raw);
        var position = 0;
        var inBody = false;
        while (view.TryReadField(ref position, out var tag, out var value))
        {
            switch (tag)
            {
                case FixWire.MsgType: fields.MsgType = value; break;
                case Tag.MsgSeqNum: fields.MsgSeqNum = Number(value); break;
                case Tag.SenderCompId: fields.SenderCompId = value; break;
                case Tag.TargetCompId: fields.TargetCompId = value; break;
                case Tag.SendingTime: fields.SendingTime = value; break;
                case Tag.OrigSendingTime: fields.OrigSendingTime = value; break;
                case Tag.PossDupFlag: fields.PossDup = value.SequenceEqual("Y"u8); break;
                case FixWire.BeginString or FixWire.BodyLength or FixWire.CheckSum: break;
                case var other when !inBody && IsOtherHeaderTag(other): break;
                default:
                    if (!inBody)
                    {
                        inBody = true;
                        if (!fields.IsSessionLevel)
                        {
                            return fields; // the application's body: its reader's pass, not ours
                        }
                    }

                    fields.Body(tag, value);
                    break;
            }
        }

        return fields;
    }

    private void Body(int tag, ReadOnlySpan<byte> value)
    {
        switch (tag)
        {
            case Tag.GapFillFlag: GapFill = value.SequenceEqual("Y"u8); break;
            case Tag.ResetSeqNumFlag: ResetSeqNum = value.SequenceEqual("Y"u8); break;
            case Tag.NewSeqNo: NewSeqNo = Number(value); break;
            case Tag.BeginSeqNo: BeginSeqNo = Number(value); break;
            case Tag.EndSeqNo: EndSeqNo = Number(value); break;
            case Tag.RefSeqNum: RefSeqNum = Number(value); break;
            case Tag.HeartBtInt: HeartBtInt = Number(value); break;
            case Tag.TestReqId: TestReqId = value; break;
            case Tag.Text: Text = value; break;
            case Tag.SessionRejectReason: SessionRejectReason = value; break;
            case Tag.RefTagId: RefTagId = value; break;
            default: break;
        }
    }

    /// <summary>
    /// The standard header's other fields (FIX 4.4 volume 1; 4.2's are a subset): the header does not end at
    /// them, whatever order the counterparty writes it in.
    /// </summary>
    private static bool IsOtherHeaderTag(int tag) => tag is Tag.SenderSubId or Tag.TargetSubId or Tag.SecureDataLen or Tag.SecureData or Tag.PossResend
        or Tag.OnBehalfOfCompId or Tag.OnBehalfOfSubId or Tag.DeliverToCompId or Tag.DeliverToSubId or Tag.SenderLocationId or Tag.TargetLocationId
        or Tag.OnBehalfOfLocationId or Tag.DeliverToLocationId or Tag.XmlDataLen or Tag.XmlData or Tag.MessageEncoding or Tag.LastMsgSeqNumProcessed
        or Tag.OnBehalfOfSendingTime or Tag.NoHops or Tag.HopCompId or Tag.HopSendingTime or Tag.HopRefId or Tag.ApplVerId or Tag.CstmApplVerId;

    /// <summary>A non-negative integer field; -1 when it is not one (so it fails every check that needs a number).</summary>
    private static long Number(ReadOnlySpan<byte> value) =>
        Utf8Parser.TryParse(value, out long number, out var consumed) && consumed == value.Length && number >= 0 ? number : -1;
}
