using System.Globalization;
using LeadMarket.Domain.Intake;
using LeadMarket.Web.Resources;
using Microsoft.Extensions.Localization;

namespace LeadMarket.Web.Localization;

/// <summary>
/// A pre-ping rejection (<see cref="FieldError"/>) in the reader's language (the current UI culture), written from
/// <c>IntakeText</c>: the field as its column label (<c>Field.&lt;name&gt;</c>; a vertical's field <c>fields.x</c> as
/// "Vertical field “x”"), the words by code, for the field where a specific text reads better
/// (<c>Error.&lt;code&gt;.&lt;field&gt;</c>, else <c>Error.&lt;code&gt;</c>). The code and field a system reads stay the same in
/// every language; the Domain's English message is the fall-back for a code without a text.
/// </summary>
public sealed class FieldErrorText(IStringLocalizer<IntakeText> text)
{
    private const string VerticalFieldPrefix = "fields.";

    /// <summary>The error in <paramref name="culture"/> (an API request's Accept-Language), or the current UI culture when null.</summary>
    public string For(FieldError error, CultureInfo? culture) => In(culture, () => For(error));

    /// <summary>"Label: words" for one error.</summary>
    public string For(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return text["Error.Line", Field(error.Field), Message(error)];
    }

    /// <summary>The words of the error without its field label (for an API answer, which carries the field itself).</summary>
    public string Message(FieldError error, CultureInfo? culture) => In(culture, () => Message(error));

    public string Message(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var field = error.Field.StartsWith(VerticalFieldPrefix, StringComparison.Ordinal) ? "VerticalField" : error.Field;
        var specific = text[$"Error.{error.Code}.{field}"];
        if (!specific.ResourceNotFound)
        {
            return specific.Value;
        }

        var general = text[$"Error.{error.Code}"];
        return general.ResourceNotFound ? error.Message : general.Value;
    }

    /// <summary>The column label in <paramref name="culture"/>, or the current UI culture when null.</summary>
    public string Field(string field, CultureInfo? culture) => In(culture, () => Field(field));

    /// <summary>The column label of a lead's field (its snake_case name); a name without a label is shown as it is.</summary>
    public string Field(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.StartsWith(VerticalFieldPrefix, StringComparison.Ordinal) && field.Length > VerticalFieldPrefix.Length)
        {
            return text["Field.VerticalField", field[VerticalFieldPrefix.Length..]];
        }

        var label = text[$"Field.{field}"];
        return label.ResourceNotFound ? field : label.Value;
    }

    /// <summary>The label of a score factor (<see cref="ScoreFactorNames"/>); a factor without a label is shown by its name.</summary>
    public string ScoreFactor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var label = text[$"Score.{name}"];
        return label.ResourceNotFound ? name : label.Value;
    }

    private static string In(CultureInfo? culture, Func<string> write)
    {
        if (culture is null)
        {
            return write();
        }

        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return write();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = formatting;
        }
    }
}
