{#- The key of one SIMPEG snapshot: the agency (or region, or file) and the as-of date. It is the unit the
    loader replaces (a re-export of the same agency and date replaces the earlier rows), so it is also the
    unit the incremental models delete and re-insert. The rule has one home, extractors.simpeg.snapshot: the
    loader stores the key on every raw row, and this macro only reads it (neutralised, as the agency name it
    holds is). -#}
{% macro simpeg_snapshot_key(alias=none) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    {{ neutralise_formula(p ~ 'snapshot_key') }}
{%- endmacro %}

{#- Incremental filter for the models over SIMPEG rows: only the snapshots (file versions) that the target
    does not hold yet, found in the small int_simpeg_snapshots catalogue and matched on raw columns, so that a
    night without new exports does not compute anything per employee row.
    has_key_column: the input carries snapshot_key but not source_file (int_ip_asn_employee_scores). -#}
{% macro simpeg_new_snapshots_filter(alias=none, has_key_column=false) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    {%- set held = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- if 'snapshot_key' not in held or 'file_sha256' not in held -%}
    {#- a target built before snapshot keys existed: recompute every snapshot (the prune hook then removes the
        old keyless rows) -#}
    true
    {%- else -%}
    ({{ p }}{{ 'snapshot_key' if has_key_column else 'source_file' }}, {{ p }}file_sha256) in (
        select {{ 'snapshot_key' if has_key_column else 'source_file' }}, file_sha256
        from {{ ref('int_simpeg_snapshots') }}
        where (snapshot_key, file_sha256) not in (select distinct snapshot_key, file_sha256 from {{ this }})
    )
    {%- endif -%}
{%- endmacro %}

{#- Post-hook for the same models: drop snapshots that are no longer in the raw zone in that version
    (a snapshot replaced by a file with the same key is re-inserted by delete+insert; this removes the
    rest, e.g. a snapshot whose agency name changed or that was withdrawn). -#}
{% macro simpeg_prune_stale_snapshots() -%}
    delete from {{ this }}
    where snapshot_key is null or file_sha256 is null or (snapshot_key, file_sha256) not in (
        select snapshot_key, file_sha256 from {{ ref('int_simpeg_snapshots') }}
    )
{%- endmacro %}

{#- The config of every model over SIMPEG rows: incremental per snapshot (a snapshot whose file is new is
    deleted and re-inserted whole, by its key), stale snapshots pruned after each run. Called as the model's
    first line: {{ simpeg_snapshot_incremental() }}. -#}
{% macro simpeg_snapshot_incremental() -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='snapshot_key',
        on_schema_change='sync_all_columns',
        post_hook=["{{ simpeg_prune_stale_snapshots() }}"]
    ) }}
{%- endmacro %}
