/** @odoo-module **/
// Copyright 2026 NPM-CSO Cooperation contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
//
// partner_autocomplete's widgets send what is typed in a contact's name, VAT
// or Company field to Odoo's IAP service and, from the browser itself, to
// Clearbit (autocomplete.clearbit.com), and fetch logos from the suggested
// web sites. Typing a new CSO's name, or a person's organisation, must send
// nothing anywhere: the two widget names get Odoo's plain fields back, and
// the service that enriches the administrator's company is not started.
import "@partner_autocomplete/js/partner_autocomplete_fieldchar";
import "@partner_autocomplete/js/partner_autocomplete_many2one";
import "@partner_autocomplete/js/web_company_autocomplete";
import { registry } from "@web/core/registry";
import { charField } from "@web/views/fields/char/char_field";
import { many2OneField } from "@web/views/fields/many2one/many2one_field";

const fields = registry.category("fields");
fields.add("field_partner_autocomplete", charField, { force: true });
fields.add("res_partner_many2one", many2OneField, { force: true });
registry.category("services").remove("partner_autocomplete.companyAutocomplete");
