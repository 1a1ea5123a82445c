namespace LowLatency.Fix.Wire;

/// <summary>The field numbers this engine reads or writes (FIX 4.2/4.4 dictionaries).</summary>
public static class Tag
{
    public const int Account = 1;
    public const int AvgPx = 6;
    public const int BeginSeqNo = 7;
    public const int ClOrdId = 11;
    public const int CumQty = 14;
    public const int EndSeqNo = 16;
    public const int ExecId = 17;
    public const int ExecTransType = 20;
    public const int LastPx = 31;
    public const int LastQty = 32;
    public const int MsgSeqNum = 34;
    public const int NewSeqNo = 36;
    public const int OrderId = 37;
    public const int OrderQty = 38;
    public const int OrdStatus = 39;
    public const int OrdType = 40;
    public const int OrigClOrdId = 41;
    public const int PossDupFlag = 43;
    public const int Price = 44;
    public const int RefSeqNum = 45;
    public const int SenderCompId = 49;
    public const int SendingTime = 52;
    public const int Side = 54;
    public const int Symbol = 55;
    public const int TargetCompId = 56;
    public const int Text = 58;
    public const int TimeInForce = 59;
    public const int TransactTime = 60;
    public const int StopPx = 99;
    public const int CxlRejReason = 102;
    public const int OrdRejReason = 103;
    public const int EncryptMethod = 98;
    public const int HeartBtInt = 108;
    public const int TestReqId = 112;
    public const int OrigSendingTime = 122;
    public const int GapFillFlag = 123;
    public const int ResetSeqNumFlag = 141;
    public const int ExecType = 150;
    public const int LeavesQty = 151;
    public const int HandlInst = 21;
    public const int RefTagId = 371;
    public const int RefMsgType = 372;
    public const int SessionRejectReason = 373;
    public const int BusinessRejectRefId = 379;
    public const int BusinessRejectReason = 380;
    public const int CxlRejResponseTo = 434;
    public const int Username = 553;
    public const int Password = 554;
    public const int MassStatusReqId = 584;
    public const int MassStatusReqType = 585;
    public const int TotNumReports = 911;
    public const int LastRptRequested = 912;
}
