using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

internal readonly record struct LogonBody(int HeartBtInt, bool Reset, string? Username, string? Password) : IFixBody
{
    public void Write(FixWriter writer)
    {
        writer.Add(Tag.EncryptMethod, 0).Add(Tag.HeartBtInt, HeartBtInt);
        if (Reset)
        {
            writer.Add(Tag.ResetSeqNumFlag, "Y"u8);
        }

        if (!string.IsNullOrEmpty(Username))
        {
            writer.Add(Tag.Username, Username);
        }

        if (!string.IsNullOrEmpty(Password))
        {
            writer.Add(Tag.Password, Password);
        }
    }
}

internal readonly record struct HeartbeatBody(string? TestReqId) : IFixBody
{
    public void Write(FixWriter writer)
    {
        if (!string.IsNullOrEmpty(TestReqId))
        {
            writer.Add(Tag.TestReqId, TestReqId);
        }
    }
}

internal readonly record struct TestRequestBody(string TestReqId) : IFixBody
{
    public void Write(FixWriter writer) => writer.Add(Tag.TestReqId, TestReqId);
}

internal readonly record struct ResendRequestBody(long Begin, long End) : IFixBody
{
    public void Write(FixWriter writer) => writer.Add(Tag.BeginSeqNo, Begin).Add(Tag.EndSeqNo, End);
}

internal readonly record struct LogoutBody(string? Text) : IFixBody
{
    public void Write(FixWriter writer)
    {
        if (!string.IsNullOrEmpty(Text))
        {
            writer.Add(Tag.Text, Text);
        }
    }
}

internal readonly record struct RejectBody(long RefSeq, byte[] RefMsgType, int Reason, int RefTag, string Text) : IFixBody
{
    public void Write(FixWriter writer)
    {
        writer.Add(Tag.RefSeqNum, RefSeq);
        if (RefTag > 0)
        {
            writer.Add(Tag.RefTagId, RefTag);
        }

        writer.Add(Tag.RefMsgType, RefMsgType).Add(Tag.SessionRejectReason, Reason).Add(Tag.Text, Text);
    }
}
