using System.Globalization;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadMarket.Web.Components.Intake;

/// <summary>Admin tab: a vertical's own fields (add, edit, remove) and its duplicate window.</summary>
public partial class VerticalFieldsAdmin
{
    private IReadOnlyList<VerticalFieldsView>? verticals;
    private Guid? selectedId;
    private Guid? editingId;
    private FieldForm form = new();
    private int windowDays;
    private string? error;
    private bool busy;

    [Inject]
    private VerticalFieldAdministration Fields { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private VerticalFieldsView? Selected => verticals?.FirstOrDefault(v => v.VerticalId == selectedId) ?? verticals?.FirstOrDefault();

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        verticals = await Fields.ListAsync();
        selectedId = Selected?.VerticalId;
        windowDays = Selected?.DuplicateWindowDays ?? 30;
    }

    private void Select(Guid verticalId)
    {
        selectedId = verticalId;
        windowDays = Selected?.DuplicateWindowDays ?? 30;
        CancelEdit();
    }

    private void StartEdit(VerticalFieldView field)
    {
        editingId = field.Id;
        form = new FieldForm
        {
            Name = field.Name, Label = field.Label, Kind = field.Kind, Required = field.Required, Choices = string.Join(", ", field.Choices),
            Minimum = field.Minimum, Maximum = field.Maximum, MustBe = field.MustBe, SortOrder = field.SortOrder,
        };
        error = null;
    }

    private void CancelEdit()
    {
        editingId = null;
        form = new FieldForm();
        error = null;
    }

    private async Task SaveFieldAsync()
    {
        if (Selected is not { } vertical)
        {
            return;
        }

        var input = new VerticalFieldInput(form.Name ?? "", form.Label ?? "", form.Kind, form.Required, form.Choices, form.Minimum, form.Maximum, form.MustBe, form.SortOrder);
        busy = true;
        try
        {
            var result = editingId is { } id ? await Fields.UpdateAsync(id, input) : await Fields.AddAsync(vertical.VerticalId, input);
            if (result.Problem is { } problem)
            {
                error = ProblemText(problem);
                return;
            }

            Snackbar.Add(T[editingId is null ? "Fields.Added" : "Fields.Saved", input.Name.Trim()], Severity.Success);
            CancelEdit();
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RemoveAsync(VerticalFieldView field)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Fields.RemoveTitle"],
            T["Fields.RemoveText", Selected?.Name ?? "", field.Label],
            yesText: T["Fields.Remove"],
            cancelText: T["Fields.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Fields.RemoveAsync(field.Id);
            error = result.Problem is { } problem ? ProblemText(problem) : null;
            if (result.Ok)
            {
                Snackbar.Add(T["Fields.Removed", field.Name], Severity.Success);
                if (editingId == field.Id)
                {
                    CancelEdit();
                }
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SaveWindowAsync()
    {
        if (Selected is not { } vertical)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Fields.SetDuplicateWindowAsync(vertical.VerticalId, windowDays);
            if (result.Problem is { } problem)
            {
                error = ProblemText(problem);
                return;
            }

            error = null;
            Snackbar.Add(T["Fields.WindowSaved", vertical.Name, windowDays], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private string ProblemText(VerticalFieldProblem problem) => T[$"Problem.{problem}"];

    private string KindText(VerticalFieldKind kind) => T[$"Kind.{kind}"];

    private string RulesText(VerticalFieldView field)
    {
        var parts = new List<string>();
        if (field.Choices.Count > 0)
        {
            parts.Add(T["Fields.RuleChoices", string.Join(", ", field.Choices)]);
        }

        if (field.Minimum is { } min)
        {
            parts.Add(T["Fields.RuleMinimum", min.ToString("0.##", CultureInfo.CurrentCulture)]);
        }

        if (field.Maximum is { } max)
        {
            parts.Add(T["Fields.RuleMaximum", max.ToString("0.##", CultureInfo.CurrentCulture)]);
        }

        if (field.MustBe is { } mustBe)
        {
            parts.Add(T["Fields.RuleMustBe", mustBe]);
        }

        return parts.Count == 0 ? "—" : string.Join("; ", parts);
    }

    /// <summary>What the admin types into the field form.</summary>
    private sealed class FieldForm
    {
        public string? Name { get; set; }

        public string? Label { get; set; }

        public VerticalFieldKind Kind { get; set; } = VerticalFieldKind.Text;

        public bool Required { get; set; }

        public string? Choices { get; set; }

        public decimal? Minimum { get; set; }

        public decimal? Maximum { get; set; }

        public string? MustBe { get; set; }

        public int SortOrder { get; set; }
    }
}
