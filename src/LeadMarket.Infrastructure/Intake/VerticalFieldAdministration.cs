using System.Globalization;
using System.Text.RegularExpressions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>One of a vertical's own fields as the admin page shows it.</summary>
public sealed record VerticalFieldView(
    Guid Id, Guid VerticalId, string Name, string Label, VerticalFieldKind Kind, bool Required,
    IReadOnlyList<string> Choices, decimal? Minimum, decimal? Maximum, string? MustBe, int SortOrder);

/// <summary>A vertical with its own fields (in their order) and its duplicate window.</summary>
public sealed record VerticalFieldsView(Guid VerticalId, string Slug, string Name, int DuplicateWindowDays, IReadOnlyList<VerticalFieldView> Fields);

/// <summary>
/// A field as the admin enters it. <paramref name="Choices"/> and <paramref name="MustBe"/> are comma separated;
/// what does not apply to the kind (choices of a number, a range of a choice) is dropped.
/// </summary>
/// <param name="Minimum">For numbers: the minimum criterion (lower values are listed as below the vertical's minimum criteria).</param>
/// <param name="Maximum">For numbers: the highest plausible value (higher values are invalid).</param>
/// <param name="MustBe">For yes/no (<c>yes</c> or <c>no</c>) and choice fields (one or more of the choices): what a listable lead has.</param>
public sealed record VerticalFieldInput(
    string Name, string Label, VerticalFieldKind Kind, bool Required,
    string? Choices = null, decimal? Minimum = null, decimal? Maximum = null, string? MustBe = null, int SortOrder = 0);

/// <summary>Why the admin's change was not made; the page words each one.</summary>
public enum VerticalFieldProblem
{
    NoSuchVertical,
    NoSuchField,
    InvalidName,
    ReservedName,
    DuplicateName,
    InvalidLabel,
    InvalidKind,
    ChoicesMissing,
    InvalidChoices,
    InvalidRange,
    InvalidMustBe,
    InvalidOrder,
    TooManyFields,
    InvalidDuplicateWindow,
}

/// <summary>The outcome of an admin's change: done (with the field's id where one was added), or the problem.</summary>
public sealed record VerticalFieldResult(Guid? FieldId, VerticalFieldProblem? Problem)
{
    public bool Ok => Problem is null;

    public static VerticalFieldResult Done(Guid? fieldId = null) => new(fieldId, null);

    public static VerticalFieldResult Refused(VerticalFieldProblem problem) => new(null, problem);
}

/// <summary>
/// Admin use cases on a vertical's own fields (name, label, kind, required, choices, range, minimum criterion,
/// order) and its duplicate window. Only the admin page calls these (it requires the admin role). The pre-ping reads
/// the result through <see cref="VerticalRulesStore"/>, which is told of every change made here.
/// </summary>
public sealed partial class VerticalFieldAdministration(IDbContextFactory<MarketDbContext> contexts, VerticalRulesStore rules)
{
    public const int MaxFieldsPerVertical = 30;
    public const int MaxChoices = 50;
    public const int MaxChoiceLength = 50;
    public const int MaxOrder = 1000;
    public const int MinDuplicateWindowDays = 1, MaxDuplicateWindowDays = 365;

    /// <summary>The lead's own columns (DESIGN §6, snake_case): a vertical field of the same name would make a CSV header ambiguous.</summary>
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "first_name", "last_name", "email", "phone", "street", "postal_code", "city", "country", "language", "need", "fields",
        "opt_in_at", "opt_in_ip", "user_agent", "source_url", "consent_text", "channels", "confirmation_sent_at", "confirmed_at",
        "confirmed_ip", "source_type", "partners", "trusted_form_cert_url", "jornaya_lead_id",
    };

    public async Task<IReadOnlyList<VerticalFieldsView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var verticals = await db.Verticals.AsNoTracking().OrderBy(v => v.Name).ToListAsync(ct);
        var fields = (await db.VerticalFields.AsNoTracking().ToListAsync(ct)).ToLookup(f => f.VerticalId);
        return [.. verticals.Select(v => new VerticalFieldsView(v.Id, v.Slug, v.Name, v.DuplicateWindowDays,
            [.. fields[v.Id].OrderBy(f => f.SortOrder).ThenBy(f => f.Name, StringComparer.Ordinal).Select(View)]))];
    }

    public async Task<VerticalFieldResult> AddAsync(Guid verticalId, VerticalFieldInput input, CancellationToken ct = default)
    {
        if (Normalize(input, out var problem) is not { } field)
        {
            return VerticalFieldResult.Refused(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Verticals.AnyAsync(v => v.Id == verticalId, ct))
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.NoSuchVertical);
        }

        var existing = await db.VerticalFields.Where(f => f.VerticalId == verticalId).Select(f => f.Name).ToListAsync(ct);
        if (existing.Contains(field.Name))
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.DuplicateName);
        }

        if (existing.Count >= MaxFieldsPerVertical)
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.TooManyFields);
        }

        var entity = new VerticalField { VerticalId = verticalId, Name = field.Name, Label = field.Label };
        Apply(field, entity);
        db.VerticalFields.Add(entity);
        return await SaveAsync(db, verticalId, entity.Id, ct);
    }

    public async Task<VerticalFieldResult> UpdateAsync(Guid fieldId, VerticalFieldInput input, CancellationToken ct = default)
    {
        if (Normalize(input, out var problem) is not { } field)
        {
            return VerticalFieldResult.Refused(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var entity = await db.VerticalFields.FirstOrDefaultAsync(f => f.Id == fieldId, ct);
        if (entity is null)
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.NoSuchField);
        }

        if (field.Name != entity.Name && await db.VerticalFields.AnyAsync(f => f.VerticalId == entity.VerticalId && f.Name == field.Name, ct))
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.DuplicateName);
        }

        Apply(field, entity);
        return await SaveAsync(db, entity.VerticalId, entity.Id, ct);
    }

    public async Task<VerticalFieldResult> RemoveAsync(Guid fieldId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entity = await db.VerticalFields.FirstOrDefaultAsync(f => f.Id == fieldId, ct);
        if (entity is null)
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.NoSuchField);
        }

        db.VerticalFields.Remove(entity);
        return await SaveAsync(db, entity.VerticalId, null, ct);
    }

    /// <summary>Sets how many days back a lead's email or phone counts as a duplicate in this vertical (1 to 365).</summary>
    public async Task<VerticalFieldResult> SetDuplicateWindowAsync(Guid verticalId, int days, CancellationToken ct = default)
    {
        if (days is < MinDuplicateWindowDays or > MaxDuplicateWindowDays)
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.InvalidDuplicateWindow);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var vertical = await db.Verticals.FirstOrDefaultAsync(v => v.Id == verticalId, ct);
        if (vertical is null)
        {
            return VerticalFieldResult.Refused(VerticalFieldProblem.NoSuchVertical);
        }

        vertical.DuplicateWindowDays = days;
        return await SaveAsync(db, verticalId, null, ct);
    }

    /// <summary>The field as it would be stored, or null with the first problem of the input.</summary>
    internal static VerticalField? Normalize(VerticalFieldInput input, out VerticalFieldProblem problem)
    {
        problem = default;
        var name = (input.Name ?? "").Trim();
        var label = (input.Label ?? "").Trim();
        if (name.Length is < 2 or > 40 || !SnakeCase().IsMatch(name))
        {
            problem = VerticalFieldProblem.InvalidName;
            return null;
        }

        if (ReservedNames.Contains(name))
        {
            problem = VerticalFieldProblem.ReservedName;
            return null;
        }

        if (label.Length is 0 or > 100)
        {
            problem = VerticalFieldProblem.InvalidLabel;
            return null;
        }

        if (!Enum.IsDefined(input.Kind))
        {
            problem = VerticalFieldProblem.InvalidKind;
            return null;
        }

        if (input.SortOrder is < 0 or > MaxOrder)
        {
            problem = VerticalFieldProblem.InvalidOrder;
            return null;
        }

        var field = new VerticalField { VerticalId = Guid.Empty, Name = name, Label = label, Kind = input.Kind, Required = input.Required, SortOrder = input.SortOrder };
        switch (input.Kind)
        {
            case VerticalFieldKind.Choice:
                var choices = Split(input.Choices);
                if (choices.Count == 0)
                {
                    problem = VerticalFieldProblem.ChoicesMissing;
                    return null;
                }

                if (choices.Count > MaxChoices || choices.Any(c => c.Length > MaxChoiceLength) || choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
                {
                    problem = VerticalFieldProblem.InvalidChoices;
                    return null;
                }

                var mustBe = Split(input.MustBe);
                if (mustBe.Any(m => !choices.Contains(m, StringComparer.Ordinal)))
                {
                    problem = VerticalFieldProblem.InvalidMustBe;
                    return null;
                }

                field.Choices = string.Join(",", choices);
                field.MustBe = mustBe.Count == 0 ? null : string.Join(",", mustBe);
                break;

            case VerticalFieldKind.YesNo:
                var value = (input.MustBe ?? "").Trim().ToLowerInvariant();
                if (value is not ("" or "yes" or "no"))
                {
                    problem = VerticalFieldProblem.InvalidMustBe;
                    return null;
                }

                field.MustBe = value.Length == 0 ? null : value;
                break;

            case VerticalFieldKind.Number:
                if (input.Minimum is { } min && input.Maximum is { } max && min > max)
                {
                    problem = VerticalFieldProblem.InvalidRange;
                    return null;
                }

                field.Minimum = input.Minimum;
                field.Maximum = input.Maximum;
                break;
        }

        return field;
    }

    private static void Apply(VerticalField from, VerticalField to)
    {
        to.Name = from.Name;
        to.Label = from.Label;
        to.Kind = from.Kind;
        to.Required = from.Required;
        to.Choices = from.Choices;
        to.Minimum = from.Minimum;
        to.Maximum = from.Maximum;
        to.MustBe = from.MustBe;
        to.SortOrder = from.SortOrder;
    }

    private async Task<VerticalFieldResult> SaveAsync(MarketDbContext db, Guid verticalId, Guid? fieldId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin added the same name at the same moment: the unique index (vertical, name) refused ours.
            return VerticalFieldResult.Refused(VerticalFieldProblem.DuplicateName);
        }

        rules.Invalidate(verticalId);
        return VerticalFieldResult.Done(fieldId);
    }

    private static List<string> Split(string? values) =>
        [.. (values ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static VerticalFieldView View(VerticalField f) => new(
        f.Id, f.VerticalId, f.Name, f.Label, f.Kind, f.Required, f.ToRule().Choices ?? [], f.Minimum, f.Maximum, f.MustBe, f.SortOrder);

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
