using System.Collections.Concurrent;
using System.Text.Json;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>Sandbox: the whole pre-ping including the duplicate lookups, answered as live, but nothing is stored or listed.</summary>
public enum IntakeMode
{
    Live,
    Sandbox,
}

/// <summary>The terms a publisher lists a batch under.</summary>
/// <param name="StartsAt">When the batch's first lot opens; null: now.</param>
/// <param name="PacingSeconds">A lot every N seconds (0..3600); 0 opens each lot as soon as its lead is accepted.</param>
public sealed record BatchSettings(string Name, Guid RoomId, SaleMode SaleMode, int Shares, decimal ReservePrice,
    int DurationSeconds, DateTimeOffset? StartsAt, int PacingSeconds, bool HostedDoubleOptIn);

public sealed record OpenBatchResult(Guid? BatchId, IReadOnlyList<FieldError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>How far an import is: rows read, and what became of them.</summary>
public sealed record IntakeProgress(int RowsRead, int Accepted, int Rejected, int AlreadyImported, long BytesRead, long BytesTotal);

/// <summary>The answer for one lead (DESIGN §6): accepted with its id and score, rejected with its problems, or already imported before.</summary>
/// <param name="Index">The lead's 0-based position in the call.</param>
/// <param name="LeadId">The new lead's id, or for an already imported row the lead it became then.</param>
public sealed record LeadAnswer(int Index, Guid? LeadId, int? Score, IReadOnlyList<ScoreFactor> ScoreFactors, IReadOnlyList<FieldError> Errors, bool AlreadyImported)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>What one CSV upload did: its totals, its first problems (at most MaxErrorsPerFile) and how many more there were.</summary>
public sealed record CsvImportResult(Guid? BatchId, IntakeProgress Totals, IReadOnlyList<FieldError> Errors, int ErrorsOmitted)
{
    /// <summary>Completed when the file was read to its end; Failed when a file-level problem stopped it (the rows before stay imported).</summary>
    public BatchStatus Status { get; init; } = BatchStatus.Completed;
}

/// <summary>One problem of a batch's report (no values: they may be personal data).</summary>
public sealed record BatchRejectionView(long Id, int Row, string Field, string Code, string Message);

/// <summary>A batch's terms, state, progress and a page of its rejections; <see cref="NextAfter"/> continues the page.</summary>
public sealed record BatchReport(Guid BatchId, string Name, Guid RoomId, Guid VerticalId, SaleMode SaleMode, int Shares, decimal ReservePrice,
    int DurationSeconds, DateTimeOffset StartsAt, int PacingSeconds, bool HostedDoubleOptIn, string Distribution, BatchStatus Status,
    DateTimeOffset CreatedAt, IntakeProgress Progress, IReadOnlyList<BatchRejectionView> Rejections, long? NextAfter);

/// <summary>
/// The publisher intake, whatever the channel (the NewBatch page, <c>POST /api/v1/batches</c>, <c>POST /api/v1/leads</c>,
/// the demo feed): opens batches, runs every lead through <see cref="LeadPrePing"/> and the duplicate check, and
/// stores the accepted ones with their lots in chunks. A chunk (<see cref="IntakeOptions.ChunkSize"/> rows) commits
/// whole or not at all, so a crash never leaves a partial lead; each row has a keyed row key per publisher, so a
/// repeated or resumed upload answers the rows it already stored as already imported and creates nothing twice.
/// </summary>
public sealed partial class IntakeService(
    IDbContextFactory<MarketDbContext> contexts,
    LeadProtector protector,
    IntakeHasher hasher,
    VerticalRulesStore verticalRules,
    IAuctionNotifier notifier,
    OutboxSignal outboxSignal,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<IntakeService> logger)
{
    /// <summary>The outbox message written for a lead that waits for the hosted double opt-in; payload <c>{ "leadId": "…" }</c>.</summary>
    public const string DoiRequestedType = "intake.doi-requested";

    public const int MaxPacingSeconds = 3600;

    /// <summary>How far ahead a batch's start may lie.</summary>
    public static readonly TimeSpan MaxStartAhead = TimeSpan.FromDays(30);

    /// <summary>How long a sandbox batch's terms are kept in memory (sandbox batches are never stored).</summary>
    public static readonly TimeSpan SandboxBatchLifetime = TimeSpan.FromHours(2);

    private const int MaxSandboxBatches = 10_000;
    private const int MaxWriteAttempts = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<Guid, SandboxBatch> sandbox = new();

    private IntakeOptions Options => options.Value;

    /// <summary>Checks the terms and opens a batch that takes leads (Status Open). In Sandbox mode nothing is stored: a fresh id is answered.</summary>
    public async Task<OpenBatchResult> OpenBatchAsync(string publisherId, BatchSettings settings, IntakeMode mode, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(publisherId);
        ArgumentNullException.ThrowIfNull(settings);
        var now = time.GetUtcNow();
        var errors = new List<FieldError>(ListingTerms.Check(settings.Name ?? "", settings.SaleMode, settings.Shares, settings.ReservePrice, settings.DurationSeconds));
        if (settings.PacingSeconds is < 0 or > MaxPacingSeconds)
        {
            errors.Add(new FieldError(0, "pacingSeconds", FieldErrorCodes.InvalidValue, $"The pacing must be between 0 and {MaxPacingSeconds} seconds."));
        }

        var startsAt = settings.StartsAt?.ToUniversalTime() ?? now;
        if (startsAt > now + MaxStartAhead)
        {
            errors.Add(new FieldError(0, "startsAt", FieldErrorCodes.InvalidValue, $"The start may lie at most {MaxStartAhead.TotalDays:0} days ahead."));
        }

        if (startsAt < now)
        {
            startsAt = now;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == settings.RoomId && r.IsActive).Select(r => new { r.Id, r.VerticalId }).FirstOrDefaultAsync(ct);
        if (room is null)
        {
            errors.Add(new FieldError(0, "roomId", FieldErrorCodes.InvalidValue, "There is no open room with this id."));
        }

        if (errors.Count > 0 || room is null)
        {
            return new OpenBatchResult(null, errors);
        }

        var batch = new LeadBatch
        {
            PublisherId = publisherId,
            VerticalId = room.VerticalId,
            RoomId = room.Id,
            Name = settings.Name!.Trim(),
            SaleMode = settings.SaleMode,
            Shares = settings.Shares,
            ReservePrice = settings.ReservePrice,
            DurationSeconds = settings.DurationSeconds,
            CreatedAt = now,
            StartsAt = startsAt,
            NextSlotAt = startsAt,
            PacingSeconds = settings.PacingSeconds,
            HostedDoubleOptIn = settings.HostedDoubleOptIn,
            Status = BatchStatus.Open,
        };

        if (mode == IntakeMode.Sandbox)
        {
            KeepSandbox(batch, now);
            return new OpenBatchResult(batch.Id, []);
        }

        db.Batches.Add(batch);
        await db.SaveChangesAsync(ct);
        return new OpenBatchResult(batch.Id, []);
    }

    /// <summary>
    /// Streams a CSV upload into a batch, chunk by chunk, updating the batch's counters (and <paramref name="progress"/>)
    /// after each. A file-level problem (header, size, row count, a row too long) stops the import; the chunks before
    /// stay stored and the batch is Failed, so the fixed or split file can be uploaded again without duplicates.
    /// </summary>
    /// <param name="length">The upload's size when known, for the progress bar.</param>
    public async Task<CsvImportResult> ImportCsvAsync(string publisherId, Guid batchId, Stream csv, long? length, CsvHeaderMapping? mapping,
        IProgress<IntakeProgress>? progress, IntakeMode mode, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(publisherId);
        ArgumentNullException.ThrowIfNull(csv);
        var target = await FindBatchAsync(publisherId, batchId, mode, ct);
        var total = Math.Max(0, length ?? 0);
        if (target is null)
        {
            return new CsvImportResult(null, new IntakeProgress(0, 0, 0, 0, 0, total),
                [new FieldError(0, "batchId", FieldErrorCodes.InvalidValue, "There is no batch with this id.")], 0) { Status = BatchStatus.Failed };
        }

        var rules = await RulesAsync(target, ct);
        var run = new Run(Options.MaxErrorsPerFile);
        await using var reader = await LeadCsvReader.OpenAsync(csv, rules.Vertical.Fields.Select(f => f.Name).ToArray(), mapping, ct);
        var live = mode == IntakeMode.Live;
        if (live)
        {
            await StartImportAsync(target.Batch.Id, reader.SourceColumns.Count > 0 ? reader.HeaderLine : null, total, ct);
        }

        var finished = false;
        try
        {
            var chunk = new List<Item>(Options.ChunkSize);
            while (true)
            {
                var row = reader.FileErrors.Count > 0 && reader.RowsRead == 0 && chunk.Count == 0 ? null : await reader.ReadAsync(ct);
                if (row is not null)
                {
                    chunk.Add(new Item(run.Items++, row.Row, row.Line, row.Lead, row.Errors));
                }

                if (chunk.Count >= Options.ChunkSize || (row is null && chunk.Count > 0))
                {
                    await ProcessChunkAsync(target, rules, chunk, run, mode, reader.BytesRead, ct);
                    chunk.Clear();
                    progress?.Report(run.Progress(reader.BytesRead, total));
                }

                if (row is null)
                {
                    break;
                }
            }

            var fileErrors = reader.FileErrors.ToList();
            if (fileErrors.Count == 0 && run.Items == 0)
            {
                fileErrors.Add(new FieldError(0, "file", FieldErrorCodes.MissingField, "The file has a header but no leads."));
            }

            foreach (var error in fileErrors)
            {
                run.AddFileError(error);
            }

            if (live)
            {
                await FinishImportAsync(target.Batch.Id, fileErrors.Count > 0 ? BatchStatus.Failed : BatchStatus.Completed, reader.BytesRead, fileErrors, run, ct);
            }

            finished = true;
            var totals = run.Progress(reader.BytesRead, total);
            progress?.Report(totals);
            return new CsvImportResult(target.Batch.Id, totals, run.Errors, run.ErrorsOmitted) { Status = fileErrors.Count > 0 ? BatchStatus.Failed : BatchStatus.Completed };
        }
        finally
        {
            if (live && !finished)
            {
                await MarkInterruptedAsync(target.Batch.Id, reader.BytesRead);
            }
        }
    }

    /// <summary>Runs leads handed in by API (or the demo feed) into a batch; each is answered on its own, in order.</summary>
    public async Task<IReadOnlyList<LeadAnswer>> SubmitAsync(string publisherId, Guid batchId, IReadOnlyList<LeadSubmission> leads,
        IntakeMode mode, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(publisherId);
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leads.Count, Options.MaxLeadsPerCall);
        var target = await FindBatchAsync(publisherId, batchId, mode, ct);
        if (target is null)
        {
            return [.. leads.Select((_, i) => new LeadAnswer(i, null, null, [], [new FieldError(i + 1, "batchId", FieldErrorCodes.InvalidValue, "There is no batch with this id.")], false))];
        }

        var rules = await RulesAsync(target, ct);
        var run = new Run(Options.MaxErrorsPerFile);
        var answers = new List<LeadAnswer>(leads.Count);
        for (var start = 0; start < leads.Count; start += Options.ChunkSize)
        {
            var chunk = new List<Item>();
            for (var i = start; i < Math.Min(leads.Count, start + Options.ChunkSize); i++)
            {
                var lead = leads[i] ?? new LeadSubmission();
                chunk.Add(new Item(run.Items++, i + 1, JsonSerializer.Serialize(lead, Json), lead, []));
            }

            answers.AddRange(await ProcessChunkAsync(target, rules, chunk, run, mode, 0, ct));
        }

        return answers;
    }

    public const int MaxReportLimit = 1000;

    /// <summary>The names of the own fields of a room's vertical (the CSV columns a file for this room may have besides ours).</summary>
    public async Task<IReadOnlyList<string>> FieldNamesOfRoomAsync(Guid roomId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var verticalId = await db.Rooms.AsNoTracking().Where(r => r.Id == roomId).Select(r => (Guid?)r.VerticalId).FirstOrDefaultAsync(ct);
        return verticalId is { } id ? [.. (await verticalRules.ForVerticalAsync(id, ct)).Fields.Select(f => f.Name)] : [];
    }

    /// <summary>True when the publisher has this batch (in Sandbox mode also a sandbox batch).</summary>
    public async Task<bool> HasBatchAsync(string publisherId, Guid batchId, IntakeMode mode, CancellationToken ct) =>
        await FindBatchAsync(publisherId, batchId, mode, ct) is not null;

    /// <summary>One of the publisher's batches with its terms, progress and rejections (paged by id: after <paramref name="afterId"/>); null for someone else's.</summary>
    public async Task<BatchReport?> GetBatchReportAsync(string publisherId, Guid batchId, long? afterId, int limit, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(publisherId);
        limit = Math.Clamp(limit, 1, MaxReportLimit);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId && b.PublisherId == publisherId, ct);
        if (batch is null)
        {
            return null;
        }

        var after = afterId ?? 0;
        var rejections = await db.BatchRejections.AsNoTracking().Where(r => r.BatchId == batchId && r.Id > after).OrderBy(r => r.Id).Take(limit + 1)
            .Select(r => new BatchRejectionView(r.Id, r.Row, r.Field, r.Code, r.Message)).ToListAsync(ct);
        var more = rejections.Count > limit;
        if (more)
        {
            rejections.RemoveAt(rejections.Count - 1);
        }

        return new BatchReport(batch.Id, batch.Name, batch.RoomId, batch.VerticalId, batch.SaleMode, batch.Shares, batch.ReservePrice, batch.DurationSeconds,
            batch.StartsAt, batch.PacingSeconds, batch.HostedDoubleOptIn, batch.Distribution, batch.Status, batch.CreatedAt,
            new IntakeProgress(batch.RowsRead, batch.LeadCount, batch.Rejected, batch.AlreadyImported, batch.BytesRead, batch.BytesTotal),
            rejections, more ? rejections[^1].Id : null);
    }

    private async Task<IntakeRules> RulesAsync(Target target, CancellationToken ct) =>
        new(await verticalRules.ForVerticalAsync(target.Batch.VerticalId, ct), Options.Consent, target.Batch.HostedDoubleOptIn);

    private async Task<IReadOnlyList<LeadAnswer>> ProcessChunkAsync(Target target, IntakeRules rules, List<Item> chunk, Run run, IntakeMode mode, long bytesRead, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var batch = target.Batch;
        var checks = new Check[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            var item = chunk[i];
            if (item.Lead is null || item.Errors.Count > 0)
            {
                checks[i] = new Check(item, null, item.Errors, null, null, null);
                continue;
            }

            var result = LeadPrePing.Check(item.Lead, rules, now, item.Row);
            var errors = result.Accepted ? StorageLimits(result.Lead!, item.Row) : result.Errors;
            checks[i] = errors.Count > 0
                ? new Check(item, null, errors, null, null, null)
                : new Check(item, result.Lead, [], hasher.Hash("row:" + batch.PublisherId, RowContent(item.Lead)),
                    hasher.Email(result.Lead!.Contact.Email), hasher.Phone(PhoneForHash(result.Lead.Contact.Phone)));
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var decisions = await DecideAsync(db, target, checks, run, now, ct);
            if (mode == IntakeMode.Sandbox)
            {
                return Commit(decisions, run, chunk.Count);
            }

            try
            {
                var opened = await WriteAsync(db, target, decisions, run, chunk.Count, bytesRead, now, ct);
                var answers = Commit(decisions, run, chunk.Count);
                foreach (var lot in opened)
                {
                    notifier.Publish(lot);
                }

                if (decisions.Any(d => d.Lead is { State: LeadState.AwaitingConfirmation }))
                {
                    outboxSignal.Notify();
                }

                return answers;
            }
            catch (DbUpdateException e) when (attempt < MaxWriteAttempts)
            {
                // Another node wrote the batch (its Version moved on) or stored one of these rows first (RowKey): decide again.
                LogRetry(logger, batch.Id, attempt, e.GetType().Name);
            }
        }
    }

    /// <summary>The row key's input: the lead as sent, in a fixed form (its own fields in name order).</summary>
    private static string RowContent(LeadSubmission lead) =>
        JsonSerializer.Serialize(lead with { Fields = new SortedDictionary<string, string>(lead.Fields.ToDictionary(), StringComparer.Ordinal) }, Json);

    /// <summary>The phone as the duplicate check compares it: E.164 from the pre-ping, without any separators left in it.</summary>
    private static string PhoneForHash(string phone) => new([.. phone.Where(c => char.IsAsciiDigit(c) || c == '+')]);

    /// <summary>What the lead's stored columns hold at most (a value beyond would fail the whole chunk's write).</summary>
    private static IReadOnlyList<FieldError> StorageLimits(AcceptedLead lead, int row)
    {
        List<FieldError>? errors = null;
        void Over(string field, string what) => (errors ??= []).Add(new FieldError(row, field, FieldErrorCodes.InvalidValue, what));
        if (lead.Contact.Country.Length > 2)
        {
            Over("country", "Must be an ISO 3166 alpha-2 code, e.g. DE.");
        }

        if (lead.PostalArea.Length > 16)
        {
            Over("postal_code", "Is too long.");
        }

        if (lead.Language.Length > 8)
        {
            Over("language", "Must be a language code, e.g. de.");
        }

        if (lead.Need.Length > 500)
        {
            Over("need", "Must be at most 500 characters.");
        }

        if (JsonSerializer.Serialize(lead.Fields, Json).Length > 4000)
        {
            Over("fields", "The vertical's fields hold more than 4,000 characters together.");
        }

        return errors ?? (IReadOnlyList<FieldError>)[];
    }

    /// <summary>Already imported and duplicate rows, against the database and the rows before in this run.</summary>
    private async Task<List<Decision>> DecideAsync(MarketDbContext db, Target target, Check[] checks, Run run, DateTimeOffset now, CancellationToken ct)
    {
        var batch = target.Batch;
        var keys = checks.Where(c => c.RowKey is not null).Select(c => c.RowKey!).Distinct().ToList();
        var stored = keys.Count == 0 ? [] : await db.Leads.AsNoTracking()
            .Where(l => l.PublisherId == batch.PublisherId && keys.Contains(l.RowKey!))
            .Select(l => new { l.RowKey, l.Id, l.Score, l.ScoreFactors }).ToDictionaryAsync(l => l.RowKey!, ct);

        var since = now.AddDays(-target.DuplicateWindowDays);
        var emails = checks.Where(c => c.EmailHash is not null && !stored.ContainsKey(c.RowKey!)).Select(c => c.EmailHash!).Distinct().ToList();
        var phones = checks.Where(c => c.PhoneHash is not null && !stored.ContainsKey(c.RowKey!)).Select(c => c.PhoneHash!).Distinct().ToList();
        var listable = new[] { LeadState.Listed, LeadState.AwaitingConfirmation };
        var emailMatches = emails.Count == 0 ? [] : (await db.Leads.AsNoTracking()
            .Where(l => l.VerticalId == batch.VerticalId && emails.Contains(l.EmailHash!) && l.CreatedAt >= since && listable.Contains(l.State))
            .Select(l => l.EmailHash!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var phoneMatches = phones.Count == 0 ? [] : (await db.Leads.AsNoTracking()
            .Where(l => l.VerticalId == batch.VerticalId && phones.Contains(l.PhoneHash!) && l.CreatedAt >= since && listable.Contains(l.State))
            .Select(l => l.PhoneHash!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var decisions = new List<Decision>(checks.Length);
        var chunkRows = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var chunkEmails = new HashSet<string>(StringComparer.Ordinal);
        var chunkPhones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            if (check.Accepted is null)
            {
                decisions.Add(new Decision(check, null, check.Errors, null, false));
                continue;
            }

            if (stored.TryGetValue(check.RowKey!, out var before))
            {
                decisions.Add(new Decision(check, null, [], before.Id, true, before.Score, ScoreFactorsCodec.Read(before.ScoreFactors)));
                continue;
            }

            if (chunkRows.TryGetValue(check.RowKey!, out var earlier) || run.TryRow(check.RowKey!, out earlier))
            {
                decisions.Add(new Decision(check, null, [], earlier, true, check.Accepted.Score.Value, check.Accepted.Score.Factors));
                continue;
            }

            var duplicate = new List<FieldError>();
            if (check.EmailHash is { } email && (emailMatches.Contains(email) || chunkEmails.Contains(email) || run.SeenEmail(email)))
            {
                duplicate.Add(new FieldError(check.Item.Row, "email", FieldErrorCodes.Duplicate,
                    $"A lead with this email is already in the market (within {target.DuplicateWindowDays} days) or earlier in this file."));
            }

            if (check.PhoneHash is { } phone && (phoneMatches.Contains(phone) || chunkPhones.Contains(phone) || run.SeenPhone(phone)))
            {
                duplicate.Add(new FieldError(check.Item.Row, "phone", FieldErrorCodes.Duplicate,
                    $"A lead with this phone number is already in the market (within {target.DuplicateWindowDays} days) or earlier in this file."));
            }

            if (duplicate.Count > 0)
            {
                decisions.Add(new Decision(check, null, duplicate, null, false));
                continue;
            }

            var lead = NewLead(batch, check, now);
            chunkRows[check.RowKey!] = lead.Id;
            if (check.EmailHash is not null)
            {
                chunkEmails.Add(check.EmailHash);
            }

            if (check.PhoneHash is not null)
            {
                chunkPhones.Add(check.PhoneHash);
            }

            decisions.Add(new Decision(check, lead, [], lead.Id, false, lead.Score, check.Accepted.Score.Factors));
        }

        return decisions;
    }

    private Lead NewLead(LeadBatch batch, Check check, DateTimeOffset now)
    {
        var accepted = check.Accepted!;
        return new Lead
        {
            BatchId = batch.Id,
            PublisherId = batch.PublisherId,
            VerticalId = batch.VerticalId,
            Country = accepted.Contact.Country,
            PostalArea = accepted.PostalArea,
            Language = accepted.Language,
            Need = accepted.Need,
            Score = accepted.Score.Value,
            ScoreFactors = ScoreFactorsCodec.Write(accepted.Score.Factors),
            DoubleOptIn = accepted.Consent.IsDoubleOptIn,
            CreatedAt = now,
            ProtectedData = protector.Protect(new LeadPrivateData(accepted.Contact, accepted.Consent)),
            State = accepted.AwaitsConfirmation ? LeadState.AwaitingConfirmation : LeadState.Listed,
            SourceType = accepted.Consent.SourceType,
            PhoneKind = accepted.PhoneKind,
            FieldsJson = JsonSerializer.Serialize(accepted.Fields, Json),
            EmailHash = check.EmailHash,
            PhoneHash = check.PhoneHash,
            RowKey = check.RowKey,
        };
    }

    /// <summary>Stores one chunk in one transaction: its leads, their lots (on the batch's schedule), outbox rows, rejections and the batch's counters.</summary>
    private async Task<List<LotOpenedEvent>> WriteAsync(MarketDbContext db, Target target, List<Decision> decisions, Run run, int rows, long bytesRead,
        DateTimeOffset now, CancellationToken ct)
    {
        var batch = await db.Batches.FirstAsync(b => b.Id == target.Batch.Id, ct);
        var room = target.Room;
        var opened = new List<(Lot Lot, Lead Lead)>();
        var nextSlot = batch.NextSlotAt;
        foreach (var decision in decisions)
        {
            if (decision.Lead is not { } lead)
            {
                continue;
            }

            db.Leads.Add(lead);
            if (lead.State == LeadState.AwaitingConfirmation)
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Type = DoiRequestedType,
                    Payload = JsonSerializer.Serialize(new { leadId = lead.Id }, Json),
                    CreatedAt = now,
                    AvailableAt = now,
                });
                continue;
            }

            var (opensAt, next) = BatchSchedule.Next(nextSlot, batch.PacingSeconds, now);
            nextSlot = next;
            var lot = LotListing.For(batch, room, target.Vertical, lead.Id, opensAt, now);
            db.Lots.Add(lot);
            if (lot.Status == LotStatus.Open)
            {
                opened.Add((lot, lead));
            }
        }

        var rejections = run.PendingRejections(decisions, batch.Id, now, protector);
        db.BatchRejections.AddRange(rejections);

        batch.NextSlotAt = nextSlot;
        batch.RowsRead += rows;
        batch.LeadCount += decisions.Count(d => d.Lead is not null);
        batch.Rejected += decisions.Count(d => d.Errors.Count > 0);
        batch.AlreadyImported += decisions.Count(d => d.AlreadyImported);
        batch.BytesRead = Math.Max(batch.BytesRead, bytesRead);
        batch.Version++;
        await db.SaveChangesAsync(ct);

        return [.. opened.Select(o => new LotOpenedEvent(room.Id, LotView.Of(o.Lot, new LeadCardFacts(target.Vertical.Name, o.Lead.PostalArea, o.Lead.Need,
            o.Lead.Language, o.Lead.Score, ScoreFactorsCodec.Read(o.Lead.ScoreFactors), o.Lead.DoubleOptIn, o.Lead.CreatedAt, target.Vertical.Currency))))];
    }

    /// <summary>The chunk is done (stored, or answered in the sandbox): count it into the run and answer its rows.</summary>
    private static List<LeadAnswer> Commit(List<Decision> decisions, Run run, int rows)
    {
        var answers = new List<LeadAnswer>(decisions.Count);
        foreach (var d in decisions)
        {
            run.Count(d);
            answers.Add(new LeadAnswer(d.Check.Item.Index, d.LeadId, d.Errors.Count > 0 ? null : d.Score, d.Errors.Count > 0 ? [] : d.Factors ?? [], d.Errors, d.AlreadyImported));
        }

        run.RowsRead += rows;
        return answers;
    }

    private async Task<Target?> FindBatchAsync(string publisherId, Guid batchId, IntakeMode mode, CancellationToken ct)
    {
        LeadBatch? batch = null;
        if (mode == IntakeMode.Sandbox && sandbox.TryGetValue(batchId, out var kept) && kept.Batch.PublisherId == publisherId)
        {
            batch = kept.Batch;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        batch ??= await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId && b.PublisherId == publisherId, ct);
        if (batch is null)
        {
            return null;
        }

        var room = await db.Rooms.AsNoTracking().Include(r => r.Vertical).FirstOrDefaultAsync(r => r.Id == batch.RoomId, ct);
        return room?.Vertical is null ? null : new Target(batch, room, room.Vertical, Math.Max(0, room.Vertical.DuplicateWindowDays));
    }

    private void KeepSandbox(LeadBatch batch, DateTimeOffset now)
    {
        if (sandbox.Count >= MaxSandboxBatches / 2)
        {
            foreach (var (id, kept) in sandbox)
            {
                if (kept.Until < now)
                {
                    sandbox.TryRemove(id, out _);
                }
            }

            while (sandbox.Count >= MaxSandboxBatches && sandbox.Keys.FirstOrDefault() is var oldest && oldest != Guid.Empty)
            {
                sandbox.TryRemove(oldest, out _);
            }
        }

        sandbox[batch.Id] = new SandboxBatch(batch, now + SandboxBatchLifetime);
    }

    private async Task StartImportAsync(Guid batchId, string? header, long total, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var shortened = header is null ? null : header.Length <= 8000 ? header : header[..8000];
        await db.Batches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, BatchStatus.Importing)
            .SetProperty(b => b.SourceHeader, b => shortened ?? b.SourceHeader)
            .SetProperty(b => b.BytesTotal, total)
            .SetProperty(b => b.BytesRead, 0L)
            .SetProperty(b => b.Version, b => b.Version + 1), ct);
    }

    private async Task FinishImportAsync(Guid batchId, BatchStatus status, long bytesRead, List<FieldError> fileErrors, Run run, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.Batches.FirstAsync(b => b.Id == batchId, ct);
            batch.Status = status;
            batch.BytesRead = Math.Max(batch.BytesRead, bytesRead);
            if (batch.BytesTotal < batch.BytesRead)
            {
                batch.BytesTotal = batch.BytesRead;
            }

            batch.Version++;
            db.BatchRejections.AddRange(run.FileRejections(fileErrors, batchId, time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxWriteAttempts)
            {
            }
        }
    }

    /// <summary>An import that ended by an exception (cancelled, the upload broke): the batch shows Failed; what was stored stays, a repeat continues.</summary>
    private async Task MarkInterruptedAsync(Guid batchId, long bytesRead)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Batches.Where(b => b.Id == batchId && b.Status == BatchStatus.Importing).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, BatchStatus.Failed)
                .SetProperty(b => b.BytesRead, b => b.BytesRead > bytesRead ? b.BytesRead : bytesRead)
                .SetProperty(b => b.Version, b => b.Version + 1));
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException)
        {
            LogInterruptFailed(logger, batchId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Intake chunk of batch {BatchId} written concurrently (attempt {Attempt}, {Error}); deciding again")]
    private static partial void LogRetry(ILogger logger, Guid batchId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the interrupted import of batch {BatchId} ({Error})")]
    private static partial void LogInterruptFailed(ILogger logger, Guid batchId, string error);

    private sealed record SandboxBatch(LeadBatch Batch, DateTimeOffset Until);

    private sealed record Target(LeadBatch Batch, Room Room, Vertical Vertical, int DuplicateWindowDays);

    /// <summary>One input row: its position, its line as sent, and the lead the reader made of it (or the reader's errors).</summary>
    private sealed record Item(int Index, int Row, string Original, LeadSubmission? Lead, IReadOnlyList<FieldError> Errors);

    /// <summary>A row after the pre-ping: accepted (with its keyed hashes) or its errors.</summary>
    private sealed record Check(Item Item, AcceptedLead? Accepted, IReadOnlyList<FieldError> Errors, string? RowKey, string? EmailHash, string? PhoneHash);

    /// <summary>What becomes of a row: a new lead, an already imported one, or a rejection.</summary>
    private sealed record Decision(Check Check, Lead? Lead, IReadOnlyList<FieldError> Errors, Guid? LeadId, bool AlreadyImported,
        int? Score = null, IReadOnlyList<ScoreFactor>? Factors = null);

    /// <summary>The state of one import (a file or an API call): counters, rows and hashes seen, and the capped problem list.</summary>
    private sealed class Run(int maxErrors)
    {
        private readonly Dictionary<UInt128, Guid> rows = [];
        private readonly HashSet<UInt128> emails = [];
        private readonly HashSet<UInt128> phones = [];
        private readonly List<FieldError> errors = [];

        public int Items { get; set; }

        public int RowsRead { get; set; }

        public int Accepted { get; private set; }

        public int Rejected { get; private set; }

        public int AlreadyImported { get; private set; }

        public int ErrorsOmitted { get; private set; }

        public IReadOnlyList<FieldError> Errors => errors;

        public IntakeProgress Progress(long bytesRead, long total) => new(RowsRead, Accepted, Rejected, AlreadyImported, bytesRead, Math.Max(total, bytesRead));

        public bool TryRow(string rowKey, out Guid leadId) => rows.TryGetValue(Key(rowKey), out leadId);

        public bool SeenEmail(string hash) => emails.Contains(Key(hash));

        public bool SeenPhone(string hash) => phones.Contains(Key(hash));

        /// <summary>The rejections of a chunk to store: the problems that still fit under the cap, the row as sent (encrypted) on each row's first.</summary>
        public List<BatchRejection> PendingRejections(List<Decision> decisions, Guid batchId, DateTimeOffset now, LeadProtector protector)
        {
            var list = new List<BatchRejection>();
            var room = maxErrors - errors.Count;
            foreach (var d in decisions.Where(d => d.Errors.Count > 0))
            {
                for (var i = 0; i < d.Errors.Count && list.Count < room; i++)
                {
                    var e = d.Errors[i];
                    list.Add(new BatchRejection
                    {
                        BatchId = batchId,
                        Row = d.Check.Item.Row,
                        Field = Cut(e.Field, 64),
                        Code = Cut(e.Code, 32),
                        Message = Cut(e.Message, 500),
                        ProtectedRow = i == 0 ? protector.ProtectRow(d.Check.Item.Original) : null,
                        CreatedAt = now,
                    });
                }
            }

            return list;
        }

        public List<BatchRejection> FileRejections(List<FieldError> fileErrors, Guid batchId, DateTimeOffset now) =>
            [.. fileErrors.Select(e => new BatchRejection { BatchId = batchId, Row = e.Row, Field = Cut(e.Field, 64), Code = Cut(e.Code, 32), Message = Cut(e.Message, 500), CreatedAt = now })];

        public void Count(Decision d)
        {
            if (d.AlreadyImported)
            {
                AlreadyImported++;
                return;
            }

            if (d.Lead is { } lead)
            {
                Accepted++;
                rows[Key(lead.RowKey!)] = lead.Id;
                if (lead.EmailHash is not null)
                {
                    emails.Add(Key(lead.EmailHash));
                }

                if (lead.PhoneHash is not null)
                {
                    phones.Add(Key(lead.PhoneHash));
                }

                return;
            }

            if (d.Errors.Count > 0)
            {
                Rejected++;
                foreach (var e in d.Errors)
                {
                    if (errors.Count < maxErrors)
                    {
                        errors.Add(e);
                    }
                    else
                    {
                        ErrorsOmitted++;
                    }
                }
            }
        }

        public void AddFileError(FieldError error) => errors.Add(error);

        private static UInt128 Key(string hex) => UInt128.Parse(hex.AsSpan(0, 32), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
    }
}
