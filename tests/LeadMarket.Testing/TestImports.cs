using LeadMarket.Infrastructure.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Testing;

/// <summary>One rejected input row as the import stores it: its line as sent and its problems (field, code, message).</summary>
public sealed record RejectedRow(int Line, string Sent, params (string Field, string Code, string Message)[] Problems);

/// <summary>Writes what an upload leaves in the database (the batch's counters and header, its rejected rows) straight to a batch, for the read side's tests.</summary>
public static class TestImports
{
    public const string Header = "first_name,last_name,email,phone,postal_code,country,need";

    public static async Task RecordAsync(
        IServiceProvider services,
        Guid batchId,
        BatchStatus status = BatchStatus.Completed,
        int rowsRead = 0,
        int rejected = -1,
        int alreadyImported = 0,
        long bytesRead = 0,
        long bytesTotal = 0,
        string? header = Header,
        IReadOnlyList<RejectedRow>? rows = null,
        DateTimeOffset? at = null)
    {
        rows ??= [];
        var protector = services.GetRequiredService<LeadProtector>();
        var now = at ?? services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = MarketServices.Db(services);
        var batch = await db.Batches.SingleAsync(b => b.Id == batchId);
        batch.Status = status;
        batch.RowsRead = rowsRead;
        batch.Rejected = rejected < 0 ? rows.Count : rejected;
        batch.AlreadyImported = alreadyImported;
        batch.BytesRead = bytesRead;
        batch.BytesTotal = bytesTotal;
        batch.SourceHeader = header;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Problems.Length; i++)
            {
                var (field, code, message) = row.Problems[i];
                db.BatchRejections.Add(new BatchRejection
                {
                    BatchId = batchId,
                    Row = row.Line,
                    Field = field,
                    Code = code,
                    Message = message,
                    ProtectedRow = i == 0 ? protector.ProtectRow(row.Sent) : null,
                    CreatedAt = now,
                });
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Three rejected rows (four problems) of a file of six rows: two bad emails, a bad postal code with a missing name.</summary>
    public static readonly RejectedRow[] ThreeBadRows =
    [
        new(3, "Anna,Berg,anna@,+4915112345678,80331,DE,Solar roof", ("email", "invalid_email", "The email address is not valid.")),
        new(5, "\"=HYPERLINK(\"\"http://x.test\"\",\"\"y\"\")\",Kurz,kurz@example,+4915112345679,10115,DE,\"Heat pump, 8 kW\"", ("email", "invalid_email", "The email address is not valid.")),
        new(6, ",Lang,lang@example.de,+4915112345670,1234,DE,Insurance", ("first_name", "missing_field", "first_name is required."), ("postal_code", "invalid_postal_code", "The postal code does not exist in DE.")),
    ];
}
