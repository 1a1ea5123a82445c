namespace LowLatency.Analytics.Ml;

/// <summary>Out-of-sample metrics of one walk-forward fold (NaN where a metric is undefined, e.g. AUC with one class).</summary>
public sealed record MlFoldMetrics(int Fold, int TrainRows, int TestRows, double Accuracy, double Auc, double LogLoss, double Brier, double ReturnRmse);
