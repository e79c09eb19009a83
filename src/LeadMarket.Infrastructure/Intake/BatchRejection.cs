namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// One problem of one rejected input row of a batch, for the batch report (no personal data: the message never
/// carries the value). The rejected row itself, for the "rejected rows" download, is kept only encrypted in
/// <see cref="ProtectedRow"/> on the row's first problem, and only for a limited time.
/// </summary>
public sealed class BatchRejection
{
    public long Id { get; init; }

    public required Guid BatchId { get; init; }

    /// <summary>The input row (CSV line number counting the header as 1, or 1-based API item index).</summary>
    public int Row { get; init; }

    public required string Field { get; init; }

    public required string Code { get; init; }

    public required string Message { get; init; }

    /// <summary>The row as sent (CSV line or JSON item), encrypted with Data Protection; null on a row's further problems and once purged.</summary>
    public string? ProtectedRow { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
