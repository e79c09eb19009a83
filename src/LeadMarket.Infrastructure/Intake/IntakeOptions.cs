using System.ComponentModel.DataAnnotations;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>The intake's limits and consent policy. Section "Intake".</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>The most sponsors one sweepstakes consent may name (German courts rejected 50).</summary>
    [Range(1, 1000)]
    public int MaxSweepstakesSponsors { get; set; } = 10;

    /// <summary>How old an opt-in may be and still be listed.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan MaxEvidenceAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The most leads one <c>POST /api/v1/leads</c> may carry.</summary>
    [Range(1, 100_000)]
    public int MaxLeadsPerCall { get; set; } = 1000;

    /// <summary>The most problems one file's report lists (and stores); the rest are only counted.</summary>
    [Range(1, 1_000_000)]
    public int MaxErrorsPerFile { get; set; } = 1000;

    /// <summary>Rows per transaction: a chunk of accepted leads is stored whole or not at all.</summary>
    [Range(1, 10_000)]
    public int ChunkSize { get; set; } = 500;

    /// <summary>The largest CSV upload a request may carry (<c>POST /api/v1/batches</c>, the NewBatch page); beyond it 413.</summary>
    [Range(1024, LeadCsvReader.MaxBytes)]
    public long MaxUploadBytes { get; set; } = LeadCsvReader.MaxBytes;

    /// <summary>The largest <c>POST /api/v1/leads</c> body; beyond it 413.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxLeadsBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The secret of the keyed hashes (base64, at least 32 bytes); when unset a random one is kept in the data folder's key directory.</summary>
    public string? HashSecret { get; set; }

    public ConsentRules Consent => new(MaxSweepstakesSponsors, MaxEvidenceAge);
}
