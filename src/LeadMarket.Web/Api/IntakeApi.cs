using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Web.Localization;
using LeadMarket.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadMarket.Web.Api;

/// <summary>
/// The publisher intake under /api/v1 (DESIGN §6): CSV uploads, leads by JSON, and a batch's report. A test (sandbox)
/// key runs all of it in <see cref="IntakeMode.Sandbox"/>: answered as live, nothing stored or listed.
/// </summary>
public static class IntakeApi
{
    private const long MultipartOverhead = 1024 * 1024;

    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var publishers = app.MapGroup("/api/v1").RequireAuthorization(p => p.RequireRole(Roles.Publisher)).RequireRateLimiting(ApiRateLimits.Policy)
            .WithTags("Publishers")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        publishers.MapPost("/batches", UploadBatch).WithName("UploadBatch")
            .WithSummary("Upload a CSV of leads into a new or an open batch.")
            .WithDescription(
                "multipart/form-data with the CSV in the field `file` (UTF-8 with or without byte order mark, comma or semicolon, the DESIGN §6 " +
                "names in snake_case as header, e.g. `first_name`; `channels` and `partners` as lists separated by `|`; a vertical's own fields " +
                "as columns named after the field; the column names a publisher mapped once on the New batch page are remembered and apply here), and either `batchId` of an open batch or the terms as form fields: `name`, `roomId`, " +
                "`saleMode` (Exclusive, Shared), `shares`, `reservePrice`, `durationSeconds`, optional `startsAt` (ISO 8601), `pacingSeconds` " +
                "(0-3600) and `hostedDoubleOptIn`. At most 100 MB and 200,000 rows (413 beyond the size). Each row runs through the pre-ping; " +
                "the answer (201) counts accepted, rejected and already imported rows and lists the first problems with their row, field and code. " +
                "Uploading the same rows again creates no new lead: they count as already imported.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<UploadAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        publishers.MapPost("/leads", SubmitLeads).WithName("SubmitLeads")
            .WithSummary("Hand in one lead or many; each is answered on its own.")
            .WithDescription(
                "JSON `{ batchId }` of an open batch or `{ batch: { name, roomId, saleMode, shares, reservePrice, durationSeconds, startsAt?, " +
                "pacingSeconds?, hostedDoubleOptIn? } }`, with `lead: { ... }` or `leads: [ ... ]` (the DESIGN §6 fields in camelCase). " +
                "Each lead is answered in `results` by its `index`: `accepted` (leadId, score, scoreFactors), `rejected` (errors: field, code, message) " +
                "or `alreadyImported` (the same lead was handed in before; its leadId). At most Intake:MaxLeadsPerCall leads per call (413 beyond); " +
                "JSON that cannot be read answers 400 naming where.")
            .Accepts<LeadsRequest>("application/json")
            .Produces<LeadsAnswer>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        publishers.MapGet("/batches/{id:guid}", GetBatch).WithName("GetBatch")
            .WithSummary("Read one of your batches: terms, progress and its rejections.")
            .WithDescription(
                "Answers the batch's terms, status (Open, Importing, Completed, Failed), its counters (rows read, accepted, rejected, already imported, " +
                "bytes read of the upload) and a page of its rejections in row order of storage: send the answer's `next` as `after` for the following " +
                $"page; `limit` 1 to {IntakeService.MaxReportLimit} (100 if left out). Someone else's batch answers 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public sealed record ErrorItem(int Row, string Field, string Code, string Message);

    public sealed record UploadAnswer(Guid BatchId, BatchStatus Status, int RowsRead, int Accepted, int Rejected, int AlreadyImported, long BytesRead,
        IReadOnlyList<ErrorItem> Errors, int ErrorsOmitted);

    /// <summary>A batch's terms in a request.</summary>
    public sealed record BatchTermsRequest(string? Name, Guid RoomId, SaleMode SaleMode, int Shares, decimal ReservePrice, int DurationSeconds,
        DateTimeOffset? StartsAt, int? PacingSeconds, bool? HostedDoubleOptIn)
    {
        public BatchSettings ToSettings() => new(Name ?? "", RoomId, SaleMode, Shares, ReservePrice, DurationSeconds, StartsAt, PacingSeconds ?? 0, HostedDoubleOptIn ?? false);
    }

    /// <summary>A lead as sent (DESIGN §6); every value a string, <c>fields</c> an object of strings, numbers or booleans.</summary>
    public sealed record LeadJson(
        string? FirstName, string? LastName, string? Email, string? Phone, string? Street, string? PostalCode, string? City, string? Country,
        string? Language, string? Need, Dictionary<string, JsonElement>? Fields, string? OptInAt, string? OptInIp, string? UserAgent, string? SourceUrl,
        string? ConsentText, List<string>? Channels, string? ConfirmationSentAt, string? ConfirmedAt, string? ConfirmedIp, string? SourceType,
        List<string>? Partners, string? TrustedFormCertUrl, string? JornayaLeadId)
    {
        public override string ToString() => "LeadJson { (personal data redacted) }";

        public LeadSubmission ToSubmission() => new()
        {
            FirstName = FirstName ?? "",
            LastName = LastName ?? "",
            Email = Email ?? "",
            Phone = Phone ?? "",
            Street = Street ?? "",
            PostalCode = PostalCode ?? "",
            City = City ?? "",
            Country = Country ?? "",
            Language = Language ?? "",
            Need = Need ?? "",
            Fields = (Fields ?? []).ToDictionary(f => f.Key, f => f.Value.ValueKind switch
            {
                JsonValueKind.String => f.Value.GetString() ?? "",
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                _ => f.Value.GetRawText(),
            }, StringComparer.Ordinal),
            OptInAt = OptInAt ?? "",
            OptInIp = OptInIp ?? "",
            UserAgent = UserAgent ?? "",
            SourceUrl = SourceUrl ?? "",
            ConsentText = ConsentText ?? "",
            Channels = [.. (Channels ?? []).Where(c => c is not null)],
            ConfirmationSentAt = ConfirmationSentAt ?? "",
            ConfirmedAt = ConfirmedAt ?? "",
            ConfirmedIp = ConfirmedIp ?? "",
            SourceType = SourceType ?? "",
            Partners = [.. (Partners ?? []).Where(p => p is not null)],
            TrustedFormCertUrl = TrustedFormCertUrl ?? "",
            JornayaLeadId = JornayaLeadId ?? "",
        };
    }

    public sealed record LeadsRequest(Guid? BatchId, BatchTermsRequest? Batch, LeadJson? Lead, List<LeadJson>? Leads);

    public sealed record LeadError(string Field, string Code, string Message);

    public sealed record LeadResult(int Index, string Status, Guid? LeadId, int? Score, IReadOnlyList<ScoreFactor>? ScoreFactors, IReadOnlyList<LeadError>? Errors);

    public sealed record LeadsAnswer(Guid BatchId, int Accepted, int Rejected, int AlreadyImported, IReadOnlyList<LeadResult> Results);

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has no user id.");

    private static IntakeMode Mode(ClaimsPrincipal user) => ApiKeyClaims.IsTestKey(user) ? IntakeMode.Sandbox : IntakeMode.Live;

    private static async Task<IResult> UploadBatch(HttpContext http, ClaimsPrincipal user, IntakeService intake, CsvHeaderMappings mappings, IOptions<IntakeOptions> options,
        FieldErrorText words, CancellationToken ct)
    {
        var max = options.Value.MaxUploadBytes;
        if (!Limit(http, max + MultipartOverhead))
        {
            return TooLarge($"The upload is larger than {Megabytes(max)}; split the file.");
        }

        if (!http.Request.HasFormContentType)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send multipart/form-data with the CSV in the field 'file'."] });
        }

        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the CSV in the multipart field 'file'."] });
        }

        if (file.Length > max)
        {
            return TooLarge($"The file is larger than {Megabytes(max)}; split it.");
        }

        var publisher = UserId(user);
        var mode = Mode(user);
        var batchId = await BatchOfFormAsync(form, publisher, intake, mode, ct);
        if (batchId.Problem is not null)
        {
            return batchId.Problem;
        }

        await using var stream = file.OpenReadStream();
        var mapping = await mappings.ForPublisherAsync(publisher, ct);
        var result = await intake.ImportCsvAsync(publisher, batchId.Id!.Value, stream, file.Length, mapping, null, mode, ct);
        var totals = result.Totals;
        return TypedResults.Created($"/api/v1/batches/{result.BatchId}", new UploadAnswer(result.BatchId!.Value, result.Status,
            totals.RowsRead, totals.Accepted, totals.Rejected, totals.AlreadyImported, totals.BytesRead,
            [.. result.Errors.Select(e => new ErrorItem(e.Row, e.Field, e.Code, words.Message(e)))], result.ErrorsOmitted));
    }

    private static async Task<(Guid? Id, IResult? Problem)> BatchOfFormAsync(IFormCollection form, string publisher, IntakeService intake, IntakeMode mode, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        if (form.TryGetValue("batchId", out var given) && given.ToString().Length > 0)
        {
            if (!Guid.TryParse(given.ToString(), out var id))
            {
                return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["batchId"] = ["Is not a batch id."] }));
            }

            return await intake.HasBatchAsync(publisher, id, mode, ct) ? (id, null) : (null, NotFound(id));
        }

        string Text(string name) => form.TryGetValue(name, out var v) ? v.ToString().Trim() : "";
        T? Parse<T>(string name, Func<string, (bool, T)> parse, string message)
        {
            var text = Text(name);
            if (text.Length == 0)
            {
                return default;
            }

            var (ok, value) = parse(text);
            if (!ok)
            {
                problems[name] = [message];
            }

            return value;
        }

        var roomId = Parse("roomId", t => (Guid.TryParse(t, out var g), g), "Is not a room id.");
        var saleMode = Parse("saleMode", t => (Enum.TryParse<SaleMode>(t, ignoreCase: true, out var m) && Enum.IsDefined(m), m), "Must be Exclusive or Shared.");
        var shares = Parse("shares", t => (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n), "Is not a whole number.");
        var reserve = Parse("reservePrice", t => (decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d), d), "Is not an amount (use a dot for decimals).");
        var duration = Parse("durationSeconds", t => (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n), "Is not a whole number.");
        var pacing = Parse("pacingSeconds", t => (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n), "Is not a whole number.");
        var startsAt = Parse<DateTimeOffset?>("startsAt", t => (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s), s), "Is not an ISO 8601 time.");
        var hosted = Parse("hostedDoubleOptIn", t => (bool.TryParse(t, out var b), b), "Must be true or false.");
        if (problems.Count > 0)
        {
            return (null, TypedResults.ValidationProblem(problems));
        }

        var opened = await intake.OpenBatchAsync(publisher, new BatchSettings(Text("name"), roomId, saleMode, form.ContainsKey("shares") ? shares : 1, reserve,
            duration, startsAt, pacing, hosted), mode, ct);
        return opened.Ok ? (opened.BatchId, null) : (null, Invalid(opened.Errors, "The batch was not opened."));
    }

    private static async Task<IResult> SubmitLeads(HttpContext http, ClaimsPrincipal user, IntakeService intake, IOptions<IntakeOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, FieldErrorText words, CancellationToken ct)
    {
        var limits = options.Value;
        if (!Limit(http, limits.MaxLeadsBodyBytes))
        {
            return TooLarge($"The request is larger than {Megabytes(limits.MaxLeadsBodyBytes)}; send at most {limits.MaxLeadsPerCall} leads per call.");
        }

        LeadsRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<LeadsRequest>(http.Request.Body, json.Value.SerializerOptions, ct);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The JSON could not be read.",
                detail: $"At {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): the value is not valid JSON or not of the expected type.");
        }

        if (request is null || (request.Lead is null) == (request.Leads is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["leads"] = ["Send either 'lead' (one) or 'leads' (a list)."] });
        }

        var leads = request.Leads ?? [request.Lead!];
        if (leads.Count > limits.MaxLeadsPerCall)
        {
            return TooLarge($"The call holds {leads.Count} leads; at most {limits.MaxLeadsPerCall} are taken per call. Split it.");
        }

        if (leads.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["leads"] = ["Send at least one lead."] });
        }

        var publisher = UserId(user);
        var mode = Mode(user);
        Guid batchId;
        if (request.BatchId is { } given)
        {
            if (!await intake.HasBatchAsync(publisher, given, mode, ct))
            {
                return NotFound(given);
            }

            batchId = given;
        }
        else if (request.Batch is { } terms)
        {
            var opened = await intake.OpenBatchAsync(publisher, terms.ToSettings(), mode, ct);
            if (!opened.Ok)
            {
                return Invalid(opened.Errors, "The batch was not opened; no lead was taken.");
            }

            batchId = opened.BatchId!.Value;
        }
        else
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["batchId"] = ["Send 'batchId' of an open batch or the terms of a new one as 'batch'."] });
        }

        var answers = await intake.SubmitAsync(publisher, batchId, [.. leads.Select(l => (l ?? Empty).ToSubmission())], mode, ct);
        var results = answers.Select(a => new LeadResult(a.Index,
            a.AlreadyImported ? "alreadyImported" : a.Accepted ? "accepted" : "rejected",
            a.LeadId, a.Accepted ? a.Score : null, a.Accepted ? a.ScoreFactors : null,
            a.Accepted ? null : [.. a.Errors.Select(e => new LeadError(e.Field, e.Code, words.Message(e)))])).ToList();
        return TypedResults.Ok(new LeadsAnswer(batchId, results.Count(r => r.Status == "accepted"), results.Count(r => r.Status == "rejected"),
            results.Count(r => r.Status == "alreadyImported"), results));
    }

    private static readonly LeadJson Empty = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private static async Task<Results<Ok<BatchReport>, ProblemHttpResult>> GetBatch(Guid id, long? after, int? limit, ClaimsPrincipal user, IntakeService intake,
        FieldErrorText words, CancellationToken ct)
    {
        var report = await intake.GetBatchReportAsync(UserId(user), id, after, limit ?? 100, ct);
        // The codes are the contract; the words follow the request's Accept-Language.
        return report is null ? NotFound(id) : TypedResults.Ok(report with
        {
            Rejections = [.. report.Rejections.Select(r => r with { Message = words.Message(new FieldError(r.Row, r.Field, r.Code, r.Message)) })],
        });
    }

    /// <summary>Sets the request's body limit; false when the declared length is already beyond it.</summary>
    private static bool Limit(HttpContext http, long max)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max;
        }

        return http.Request.ContentLength is not { } length || length <= max;
    }

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.", detail: detail);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The batch was not found.", detail: $"You have no batch with the id {id}.");

    private static ValidationProblem Invalid(IReadOnlyList<FieldError> errors, string title) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: title);
}
