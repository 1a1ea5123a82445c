namespace LowLatency.Fix.MarketData;

/// <summary>What applying one market data entry to a book did.</summary>
public enum BookOutcome : byte
{
    /// <summary>The book changed.</summary>
    Applied,

    /// <summary>A trade: the book is unchanged, <see cref="MarketDataBook.LastTradePrice"/> is the trade.</summary>
    Trade,

    /// <summary>An entry type this engine does not read (opening price, imbalance …).</summary>
    Ignored,

    /// <summary>A change or delete of an entry the book does not hold: updates were lost, the book must be rebuilt.</summary>
    UnknownEntry,

    /// <summary>An entry with no usable price or size, or zero, negative or not a number: refused.</summary>
    BadEntry,

    /// <summary>More levels than the book holds: it no longer matches the venue's.</summary>
    Overflow,

    /// <summary>The entry's RptSeq skipped numbers: updates were lost, the book must be rebuilt.</summary>
    Gap,
}
