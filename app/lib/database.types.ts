export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "14.1"
  }
  public: {
    Tables: {
      account_deletion_requests: {
        Row: {
          admin_note: string | null
          id: string
          processed_at: string | null
          processed_by: string | null
          processing_summary: Json | null
          reason: string | null
          requested_at: string
          status: Database["public"]["Enums"]["deletion_request_status"]
          user_id: string
        }
        Insert: {
          admin_note?: string | null
          id?: string
          processed_at?: string | null
          processed_by?: string | null
          processing_summary?: Json | null
          reason?: string | null
          requested_at?: string
          status?: Database["public"]["Enums"]["deletion_request_status"]
          user_id?: string
        }
        Update: {
          admin_note?: string | null
          id?: string
          processed_at?: string | null
          processed_by?: string | null
          processing_summary?: Json | null
          reason?: string | null
          requested_at?: string
          status?: Database["public"]["Enums"]["deletion_request_status"]
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "account_deletion_requests_processed_by_fkey"
            columns: ["processed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "account_deletion_requests_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      audit_logs: {
        Row: {
          action: string
          actor_id: string | null
          actor_role: string
          client_id: string | null
          diff: Json
          entity: string
          entity_id: string | null
          id: number
          occurred_at: string
        }
        Insert: {
          action: string
          actor_id?: string | null
          actor_role: string
          client_id?: string | null
          diff?: Json
          entity: string
          entity_id?: string | null
          id?: never
          occurred_at?: string
        }
        Update: {
          action?: string
          actor_id?: string | null
          actor_role?: string
          client_id?: string | null
          diff?: Json
          entity?: string
          entity_id?: string | null
          id?: never
          occurred_at?: string
        }
        Relationships: []
      }
      client_members: {
        Row: {
          client_id: string
          created_at: string
          job_title: string | null
          role: Database["public"]["Enums"]["client_member_role"]
          user_id: string
        }
        Insert: {
          client_id: string
          created_at?: string
          job_title?: string | null
          role?: Database["public"]["Enums"]["client_member_role"]
          user_id: string
        }
        Update: {
          client_id?: string
          created_at?: string
          job_title?: string | null
          role?: Database["public"]["Enums"]["client_member_role"]
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "client_members_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "client_members_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      client_notes: {
        Row: {
          author_id: string | null
          body: string
          client_id: string
          created_at: string
          id: string
          updated_at: string
        }
        Insert: {
          author_id?: string | null
          body: string
          client_id: string
          created_at?: string
          id?: string
          updated_at?: string
        }
        Update: {
          author_id?: string | null
          body?: string
          client_id?: string
          created_at?: string
          id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "client_notes_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "client_notes_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
        ]
      }
      clients: {
        Row: {
          address: string | null
          city: string | null
          contact_name: string | null
          country: string
          created_at: string
          email: string | null
          id: string
          is_archived: boolean
          name: string
          ncc: string | null
          phone: string | null
          rccm: string | null
          updated_at: string
        }
        Insert: {
          address?: string | null
          city?: string | null
          contact_name?: string | null
          country?: string
          created_at?: string
          email?: string | null
          id?: string
          is_archived?: boolean
          name: string
          ncc?: string | null
          phone?: string | null
          rccm?: string | null
          updated_at?: string
        }
        Update: {
          address?: string | null
          city?: string | null
          contact_name?: string | null
          country?: string
          created_at?: string
          email?: string | null
          id?: string
          is_archived?: boolean
          name?: string
          ncc?: string | null
          phone?: string | null
          rccm?: string | null
          updated_at?: string
        }
        Relationships: []
      }
      credit_notes: {
        Row: {
          amount: number
          client_id: string
          created_by: string | null
          currency: string
          id: string
          invoice_id: string
          issued_at: string
          number: string
          reason: string
        }
        Insert: {
          amount: number
          client_id: string
          created_by?: string | null
          currency?: string
          id?: string
          invoice_id: string
          issued_at?: string
          number: string
          reason: string
        }
        Update: {
          amount?: number
          client_id?: string
          created_by?: string | null
          currency?: string
          id?: string
          invoice_id?: string
          issued_at?: string
          number?: string
          reason?: string
        }
        Relationships: [
          {
            foreignKeyName: "credit_notes_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "credit_notes_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "credit_notes_invoice_id_fkey"
            columns: ["invoice_id"]
            isOneToOne: true
            referencedRelation: "invoices"
            referencedColumns: ["id"]
          },
        ]
      }
      documents: {
        Row: {
          bucket: string
          client_id: string
          created_at: string
          file_name: string
          folder: string
          id: string
          label: string | null
          milestone_id: string | null
          mime_type: string
          path: string
          project_id: string | null
          size_bytes: number
          updated_at: string
          uploaded_by: string | null
          visibility: Database["public"]["Enums"]["visibility"]
        }
        Insert: {
          bucket?: string
          client_id: string
          created_at?: string
          file_name: string
          folder?: string
          id?: string
          label?: string | null
          milestone_id?: string | null
          mime_type: string
          path: string
          project_id?: string | null
          size_bytes: number
          updated_at?: string
          uploaded_by?: string | null
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Update: {
          bucket?: string
          client_id?: string
          created_at?: string
          file_name?: string
          folder?: string
          id?: string
          label?: string | null
          milestone_id?: string | null
          mime_type?: string
          path?: string
          project_id?: string | null
          size_bytes?: number
          updated_at?: string
          uploaded_by?: string | null
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Relationships: [
          {
            foreignKeyName: "documents_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "documents_milestone_id_project_id_fkey"
            columns: ["milestone_id", "project_id"]
            isOneToOne: false
            referencedRelation: "milestones"
            referencedColumns: ["id", "project_id"]
          },
          {
            foreignKeyName: "documents_project_id_client_id_fkey"
            columns: ["project_id", "client_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id", "client_id"]
          },
          {
            foreignKeyName: "documents_uploaded_by_fkey"
            columns: ["uploaded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      email_templates: {
        Row: {
          body: string
          description: string | null
          key: string
          name: string
          subject: string
          updated_at: string
          updated_by: string | null
          variables: string[]
        }
        Insert: {
          body: string
          description?: string | null
          key: string
          name: string
          subject: string
          updated_at?: string
          updated_by?: string | null
          variables?: string[]
        }
        Update: {
          body?: string
          description?: string | null
          key?: string
          name?: string
          subject?: string
          updated_at?: string
          updated_by?: string | null
          variables?: string[]
        }
        Relationships: [
          {
            foreignKeyName: "email_templates_updated_by_fkey"
            columns: ["updated_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      invoice_items: {
        Row: {
          created_at: string
          description: string | null
          id: string
          invoice_id: string
          label: string
          line_total: number
          position: number
          quantity: number
          unit_price: number
        }
        Insert: {
          created_at?: string
          description?: string | null
          id?: string
          invoice_id: string
          label: string
          line_total?: never
          position?: number
          quantity?: number
          unit_price: number
        }
        Update: {
          created_at?: string
          description?: string | null
          id?: string
          invoice_id?: string
          label?: string
          line_total?: never
          position?: number
          quantity?: number
          unit_price?: number
        }
        Relationships: [
          {
            foreignKeyName: "invoice_items_invoice_id_fkey"
            columns: ["invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["id"]
          },
        ]
      }
      invoice_reminders: {
        Row: {
          automatic: boolean
          id: string
          invoice_id: string
          recipients: number
          sent_at: string
          sent_by: string | null
        }
        Insert: {
          automatic?: boolean
          id?: string
          invoice_id: string
          recipients?: number
          sent_at?: string
          sent_by?: string | null
        }
        Update: {
          automatic?: boolean
          id?: string
          invoice_id?: string
          recipients?: number
          sent_at?: string
          sent_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "invoice_reminders_invoice_id_fkey"
            columns: ["invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invoice_reminders_sent_by_fkey"
            columns: ["sent_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      invoices: {
        Row: {
          amount_paid: number
          balance_due: number
          cancel_reason: string | null
          canceled_at: string | null
          client_id: string
          created_at: string
          created_by: string | null
          currency: string
          due_date: string | null
          id: string
          issue_date: string | null
          last_reminder_at: string | null
          notes: string | null
          number: string | null
          paid_at: string | null
          project_id: string | null
          quote_id: string | null
          sent_at: string | null
          status: Database["public"]["Enums"]["invoice_status"]
          subtotal_ht: number
          title: string
          total_ttc: number
          updated_at: string
          vat_amount: number
          vat_rate: number
        }
        Insert: {
          amount_paid?: number
          balance_due?: never
          cancel_reason?: string | null
          canceled_at?: string | null
          client_id: string
          created_at?: string
          created_by?: string | null
          currency?: string
          due_date?: string | null
          id?: string
          issue_date?: string | null
          last_reminder_at?: string | null
          notes?: string | null
          number?: string | null
          paid_at?: string | null
          project_id?: string | null
          quote_id?: string | null
          sent_at?: string | null
          status?: Database["public"]["Enums"]["invoice_status"]
          subtotal_ht?: number
          title: string
          total_ttc?: number
          updated_at?: string
          vat_amount?: number
          vat_rate?: number
        }
        Update: {
          amount_paid?: number
          balance_due?: never
          cancel_reason?: string | null
          canceled_at?: string | null
          client_id?: string
          created_at?: string
          created_by?: string | null
          currency?: string
          due_date?: string | null
          id?: string
          issue_date?: string | null
          last_reminder_at?: string | null
          notes?: string | null
          number?: string | null
          paid_at?: string | null
          project_id?: string | null
          quote_id?: string | null
          sent_at?: string | null
          status?: Database["public"]["Enums"]["invoice_status"]
          subtotal_ht?: number
          title?: string
          total_ttc?: number
          updated_at?: string
          vat_amount?: number
          vat_rate?: number
        }
        Relationships: [
          {
            foreignKeyName: "invoices_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invoices_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invoices_project_id_client_id_fkey"
            columns: ["project_id", "client_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id", "client_id"]
          },
          {
            foreignKeyName: "invoices_quote_id_fkey"
            columns: ["quote_id"]
            isOneToOne: false
            referencedRelation: "quotes"
            referencedColumns: ["id"]
          },
        ]
      }
      milestone_approvals: {
        Row: {
          approved_at: string
          approved_by: string | null
          id: string
          milestone_id: string
          note: string | null
          signer_name: string
          version_label: string | null
        }
        Insert: {
          approved_at?: string
          approved_by?: string | null
          id?: string
          milestone_id: string
          note?: string | null
          signer_name: string
          version_label?: string | null
        }
        Update: {
          approved_at?: string
          approved_by?: string | null
          id?: string
          milestone_id?: string
          note?: string | null
          signer_name?: string
          version_label?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "milestone_approvals_approved_by_fkey"
            columns: ["approved_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "milestone_approvals_milestone_id_fkey"
            columns: ["milestone_id"]
            isOneToOne: false
            referencedRelation: "milestones"
            referencedColumns: ["id"]
          },
        ]
      }
      milestone_comments: {
        Row: {
          author_id: string | null
          body: string
          created_at: string
          id: string
          milestone_id: string
          updated_at: string
          visibility: Database["public"]["Enums"]["visibility"]
        }
        Insert: {
          author_id?: string | null
          body: string
          created_at?: string
          id?: string
          milestone_id: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Update: {
          author_id?: string | null
          body?: string
          created_at?: string
          id?: string
          milestone_id?: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Relationships: [
          {
            foreignKeyName: "milestone_comments_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "milestone_comments_milestone_id_fkey"
            columns: ["milestone_id"]
            isOneToOne: false
            referencedRelation: "milestones"
            referencedColumns: ["id"]
          },
        ]
      }
      milestones: {
        Row: {
          approved_at: string | null
          created_at: string
          deliverables: string[]
          delivered_at: string | null
          description: string | null
          due_date: string | null
          id: string
          position: number
          project_id: string
          status: Database["public"]["Enums"]["milestone_status"]
          title: string
          updated_at: string
          version_label: string | null
        }
        Insert: {
          approved_at?: string | null
          created_at?: string
          deliverables?: string[]
          delivered_at?: string | null
          description?: string | null
          due_date?: string | null
          id?: string
          position?: number
          project_id: string
          status?: Database["public"]["Enums"]["milestone_status"]
          title: string
          updated_at?: string
          version_label?: string | null
        }
        Update: {
          approved_at?: string | null
          created_at?: string
          deliverables?: string[]
          delivered_at?: string | null
          description?: string | null
          due_date?: string | null
          id?: string
          position?: number
          project_id?: string
          status?: Database["public"]["Enums"]["milestone_status"]
          title?: string
          updated_at?: string
          version_label?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "milestones_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      notification_preferences: {
        Row: {
          email: boolean
          event: Database["public"]["Enums"]["notification_event"]
          updated_at: string
          user_id: string
          whatsapp: boolean
        }
        Insert: {
          email?: boolean
          event: Database["public"]["Enums"]["notification_event"]
          updated_at?: string
          user_id?: string
          whatsapp?: boolean
        }
        Update: {
          email?: boolean
          event?: Database["public"]["Enums"]["notification_event"]
          updated_at?: string
          user_id?: string
          whatsapp?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "notification_preferences_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      payment_attempts: {
        Row: {
          amount: number
          channels: string
          check_count: number
          client_id: string
          created_at: string
          currency: string
          failure_reason: string | null
          finalized_at: string | null
          id: string
          initiated_by: string | null
          invoice_id: string
          last_checked_at: string | null
          last_code: string | null
          last_message: string | null
          next_check_at: string | null
          operator_id: string | null
          payment_method: string | null
          payment_token: string | null
          payment_url: string | null
          status: Database["public"]["Enums"]["payment_attempt_status"]
          transaction_id: string
          updated_at: string
        }
        Insert: {
          amount: number
          channels?: string
          check_count?: number
          client_id: string
          created_at?: string
          currency?: string
          failure_reason?: string | null
          finalized_at?: string | null
          id?: string
          initiated_by?: string | null
          invoice_id: string
          last_checked_at?: string | null
          last_code?: string | null
          last_message?: string | null
          next_check_at?: string | null
          operator_id?: string | null
          payment_method?: string | null
          payment_token?: string | null
          payment_url?: string | null
          status?: Database["public"]["Enums"]["payment_attempt_status"]
          transaction_id: string
          updated_at?: string
        }
        Update: {
          amount?: number
          channels?: string
          check_count?: number
          client_id?: string
          created_at?: string
          currency?: string
          failure_reason?: string | null
          finalized_at?: string | null
          id?: string
          initiated_by?: string | null
          invoice_id?: string
          last_checked_at?: string | null
          last_code?: string | null
          last_message?: string | null
          next_check_at?: string | null
          operator_id?: string | null
          payment_method?: string | null
          payment_token?: string | null
          payment_url?: string | null
          status?: Database["public"]["Enums"]["payment_attempt_status"]
          transaction_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "payment_attempts_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payment_attempts_initiated_by_fkey"
            columns: ["initiated_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payment_attempts_invoice_id_fkey"
            columns: ["invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["id"]
          },
        ]
      }
      payment_checks: {
        Row: {
          amount: string | null
          api_status: string | null
          checked_at: string
          code: string | null
          currency: string | null
          decision: Database["public"]["Enums"]["payment_check_decision"]
          duration_ms: number | null
          error: string | null
          http_status: number | null
          id: string
          message: string | null
          payment_attempt_id: string
          raw_response: Json | null
          raw_text: string | null
          source: Database["public"]["Enums"]["payment_check_source"]
        }
        Insert: {
          amount?: string | null
          api_status?: string | null
          checked_at?: string
          code?: string | null
          currency?: string | null
          decision: Database["public"]["Enums"]["payment_check_decision"]
          duration_ms?: number | null
          error?: string | null
          http_status?: number | null
          id?: string
          message?: string | null
          payment_attempt_id: string
          raw_response?: Json | null
          raw_text?: string | null
          source: Database["public"]["Enums"]["payment_check_source"]
        }
        Update: {
          amount?: string | null
          api_status?: string | null
          checked_at?: string
          code?: string | null
          currency?: string | null
          decision?: Database["public"]["Enums"]["payment_check_decision"]
          duration_ms?: number | null
          error?: string | null
          http_status?: number | null
          id?: string
          message?: string | null
          payment_attempt_id?: string
          raw_response?: Json | null
          raw_text?: string | null
          source?: Database["public"]["Enums"]["payment_check_source"]
        }
        Relationships: [
          {
            foreignKeyName: "payment_checks_payment_attempt_id_fkey"
            columns: ["payment_attempt_id"]
            isOneToOne: false
            referencedRelation: "payment_attempts"
            referencedColumns: ["id"]
          },
        ]
      }
      payment_notifications: {
        Row: {
          content_type: string | null
          error: string | null
          id: string
          outcome: string
          payload: Json
          payment_attempt_id: string | null
          raw_body: string
          received_at: string
          site_id: string | null
          site_id_valid: boolean | null
          token_valid: boolean
          token_variant: string | null
          transaction_id: string | null
          x_token: string | null
        }
        Insert: {
          content_type?: string | null
          error?: string | null
          id?: string
          outcome?: string
          payload?: Json
          payment_attempt_id?: string | null
          raw_body?: string
          received_at?: string
          site_id?: string | null
          site_id_valid?: boolean | null
          token_valid?: boolean
          token_variant?: string | null
          transaction_id?: string | null
          x_token?: string | null
        }
        Update: {
          content_type?: string | null
          error?: string | null
          id?: string
          outcome?: string
          payload?: Json
          payment_attempt_id?: string | null
          raw_body?: string
          received_at?: string
          site_id?: string | null
          site_id_valid?: boolean | null
          token_valid?: boolean
          token_variant?: string | null
          transaction_id?: string | null
          x_token?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "payment_notifications_payment_attempt_id_fkey"
            columns: ["payment_attempt_id"]
            isOneToOne: false
            referencedRelation: "payment_attempts"
            referencedColumns: ["id"]
          },
        ]
      }
      payments: {
        Row: {
          amount: number
          client_id: string
          created_at: string
          currency: string
          id: string
          invoice_id: string
          method: Database["public"]["Enums"]["payment_method"]
          notes: string | null
          operator_id: string | null
          paid_at: string
          payment_attempt_id: string | null
          payment_method_detail: string | null
          proof_document_id: string | null
          recorded_by: string | null
          reference: string | null
          transaction_id: string | null
        }
        Insert: {
          amount: number
          client_id: string
          created_at?: string
          currency?: string
          id?: string
          invoice_id: string
          method: Database["public"]["Enums"]["payment_method"]
          notes?: string | null
          operator_id?: string | null
          paid_at?: string
          payment_attempt_id?: string | null
          payment_method_detail?: string | null
          proof_document_id?: string | null
          recorded_by?: string | null
          reference?: string | null
          transaction_id?: string | null
        }
        Update: {
          amount?: number
          client_id?: string
          created_at?: string
          currency?: string
          id?: string
          invoice_id?: string
          method?: Database["public"]["Enums"]["payment_method"]
          notes?: string | null
          operator_id?: string | null
          paid_at?: string
          payment_attempt_id?: string | null
          payment_method_detail?: string | null
          proof_document_id?: string | null
          recorded_by?: string | null
          reference?: string | null
          transaction_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "payments_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_invoice_id_fkey"
            columns: ["invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_payment_attempt_id_fkey"
            columns: ["payment_attempt_id"]
            isOneToOne: true
            referencedRelation: "payment_attempts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_proof_document_id_fkey"
            columns: ["proof_document_id"]
            isOneToOne: false
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_recorded_by_fkey"
            columns: ["recorded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          analytics_consent: boolean | null
          analytics_consent_at: string | null
          avatar_path: string | null
          created_at: string
          email: string | null
          full_name: string
          id: string
          job_title: string | null
          last_sign_in_at: string | null
          phone: string | null
          preferred_contact: Database["public"]["Enums"]["contact_method"]
          role: Database["public"]["Enums"]["user_role"]
          updated_at: string
          whatsapp: string | null
        }
        Insert: {
          analytics_consent?: boolean | null
          analytics_consent_at?: string | null
          avatar_path?: string | null
          created_at?: string
          email?: string | null
          full_name?: string
          id: string
          job_title?: string | null
          last_sign_in_at?: string | null
          phone?: string | null
          preferred_contact?: Database["public"]["Enums"]["contact_method"]
          role?: Database["public"]["Enums"]["user_role"]
          updated_at?: string
          whatsapp?: string | null
        }
        Update: {
          analytics_consent?: boolean | null
          analytics_consent_at?: string | null
          avatar_path?: string | null
          created_at?: string
          email?: string | null
          full_name?: string
          id?: string
          job_title?: string | null
          last_sign_in_at?: string | null
          phone?: string | null
          preferred_contact?: Database["public"]["Enums"]["contact_method"]
          role?: Database["public"]["Enums"]["user_role"]
          updated_at?: string
          whatsapp?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "profiles_id_fkey"
            columns: ["id"]
            isOneToOne: true
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      project_team: {
        Row: {
          created_at: string
          position: number
          project_id: string
          role_label: string
          user_id: string
        }
        Insert: {
          created_at?: string
          position?: number
          project_id: string
          role_label?: string
          user_id: string
        }
        Update: {
          created_at?: string
          position?: number
          project_id?: string
          role_label?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "project_team_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "project_team_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      projects: {
        Row: {
          budget_ht: number | null
          client_id: string
          created_at: string
          description: string | null
          end_date: string | null
          id: string
          progress: number
          progress_mode: Database["public"]["Enums"]["progress_mode"]
          start_date: string | null
          status: Database["public"]["Enums"]["project_status"]
          title: string
          updated_at: string
        }
        Insert: {
          budget_ht?: number | null
          client_id: string
          created_at?: string
          description?: string | null
          end_date?: string | null
          id?: string
          progress?: number
          progress_mode?: Database["public"]["Enums"]["progress_mode"]
          start_date?: string | null
          status?: Database["public"]["Enums"]["project_status"]
          title: string
          updated_at?: string
        }
        Update: {
          budget_ht?: number | null
          client_id?: string
          created_at?: string
          description?: string | null
          end_date?: string | null
          id?: string
          progress?: number
          progress_mode?: Database["public"]["Enums"]["progress_mode"]
          start_date?: string | null
          status?: Database["public"]["Enums"]["project_status"]
          title?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "projects_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
        ]
      }
      prospects: {
        Row: {
          company_name: string
          contact_name: string | null
          converted_at: string | null
          converted_client_id: string | null
          created_at: string
          created_by: string | null
          email: string | null
          estimated_amount: number | null
          id: string
          lost_reason: string | null
          next_action: string | null
          next_action_date: string | null
          notes: string | null
          phone: string | null
          position: number
          source: string | null
          stage: Database["public"]["Enums"]["prospect_stage"]
          updated_at: string
        }
        Insert: {
          company_name: string
          contact_name?: string | null
          converted_at?: string | null
          converted_client_id?: string | null
          created_at?: string
          created_by?: string | null
          email?: string | null
          estimated_amount?: number | null
          id?: string
          lost_reason?: string | null
          next_action?: string | null
          next_action_date?: string | null
          notes?: string | null
          phone?: string | null
          position?: number
          source?: string | null
          stage?: Database["public"]["Enums"]["prospect_stage"]
          updated_at?: string
        }
        Update: {
          company_name?: string
          contact_name?: string | null
          converted_at?: string | null
          converted_client_id?: string | null
          created_at?: string
          created_by?: string | null
          email?: string | null
          estimated_amount?: number | null
          id?: string
          lost_reason?: string | null
          next_action?: string | null
          next_action_date?: string | null
          notes?: string | null
          phone?: string | null
          position?: number
          source?: string | null
          stage?: Database["public"]["Enums"]["prospect_stage"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "prospects_converted_client_id_fkey"
            columns: ["converted_client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "prospects_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      quote_items: {
        Row: {
          created_at: string
          description: string | null
          id: string
          label: string
          line_total: number
          position: number
          quantity: number
          quote_id: string
          unit_price: number
        }
        Insert: {
          created_at?: string
          description?: string | null
          id?: string
          label: string
          line_total?: never
          position?: number
          quantity?: number
          quote_id: string
          unit_price: number
        }
        Update: {
          created_at?: string
          description?: string | null
          id?: string
          label?: string
          line_total?: never
          position?: number
          quantity?: number
          quote_id?: string
          unit_price?: number
        }
        Relationships: [
          {
            foreignKeyName: "quote_items_quote_id_fkey"
            columns: ["quote_id"]
            isOneToOne: false
            referencedRelation: "quotes"
            referencedColumns: ["id"]
          },
        ]
      }
      quotes: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          client_id: string
          created_at: string
          created_by: string | null
          currency: string
          decline_reason: string | null
          declined_at: string | null
          declined_by: string | null
          expired_at: string | null
          id: string
          issue_date: string | null
          notes: string | null
          number: string | null
          project_id: string | null
          sent_at: string | null
          signer_name: string | null
          status: Database["public"]["Enums"]["quote_status"]
          subtotal_ht: number
          terms: string | null
          title: string
          total_ttc: number
          updated_at: string
          valid_until: string | null
          vat_amount: number
          vat_rate: number
        }
        Insert: {
          accepted_at?: string | null
          accepted_by?: string | null
          client_id: string
          created_at?: string
          created_by?: string | null
          currency?: string
          decline_reason?: string | null
          declined_at?: string | null
          declined_by?: string | null
          expired_at?: string | null
          id?: string
          issue_date?: string | null
          notes?: string | null
          number?: string | null
          project_id?: string | null
          sent_at?: string | null
          signer_name?: string | null
          status?: Database["public"]["Enums"]["quote_status"]
          subtotal_ht?: number
          terms?: string | null
          title: string
          total_ttc?: number
          updated_at?: string
          valid_until?: string | null
          vat_amount?: number
          vat_rate?: number
        }
        Update: {
          accepted_at?: string | null
          accepted_by?: string | null
          client_id?: string
          created_at?: string
          created_by?: string | null
          currency?: string
          decline_reason?: string | null
          declined_at?: string | null
          declined_by?: string | null
          expired_at?: string | null
          id?: string
          issue_date?: string | null
          notes?: string | null
          number?: string | null
          project_id?: string | null
          sent_at?: string | null
          signer_name?: string | null
          status?: Database["public"]["Enums"]["quote_status"]
          subtotal_ht?: number
          terms?: string | null
          title?: string
          total_ttc?: number
          updated_at?: string
          valid_until?: string | null
          vat_amount?: number
          vat_rate?: number
        }
        Relationships: [
          {
            foreignKeyName: "quotes_accepted_by_fkey"
            columns: ["accepted_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "quotes_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "quotes_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "quotes_declined_by_fkey"
            columns: ["declined_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "quotes_project_id_client_id_fkey"
            columns: ["project_id", "client_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id", "client_id"]
          },
        ]
      }
      receipts: {
        Row: {
          amount: number
          client_id: string
          currency: string
          id: string
          invoice_id: string
          issued_at: string
          number: string
          payment_id: string
        }
        Insert: {
          amount: number
          client_id: string
          currency?: string
          id?: string
          invoice_id: string
          issued_at?: string
          number: string
          payment_id: string
        }
        Update: {
          amount?: number
          client_id?: string
          currency?: string
          id?: string
          invoice_id?: string
          issued_at?: string
          number?: string
          payment_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "receipts_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "receipts_invoice_id_fkey"
            columns: ["invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "receipts_payment_id_fkey"
            columns: ["payment_id"]
            isOneToOne: true
            referencedRelation: "payments"
            referencedColumns: ["id"]
          },
        ]
      }
      settings: {
        Row: {
          accent_color: string
          address: string | null
          bank_account_holder: string | null
          bank_account_number: string | null
          bank_iban: string | null
          bank_name: string | null
          bank_swift: string | null
          capital: string | null
          cinetpay_channels: string[]
          city: string
          company_name: string
          country: string
          email: string | null
          id: boolean
          invoice_footer: string | null
          legal_form: string | null
          legal_name: string
          logo_path: string | null
          manual_payment_instructions: string | null
          ncc: string | null
          online_payment_enabled: boolean
          payment_terms_days: number
          phone: string | null
          quote_terms: string | null
          quote_validity_days: number
          rccm: string | null
          sla_hours_high: number
          sla_hours_low: number
          sla_hours_normal: number
          sla_hours_urgent: number
          tax_regime: string | null
          updated_at: string
          updated_by: string | null
          website: string | null
        }
        Insert: {
          accent_color?: string
          address?: string | null
          bank_account_holder?: string | null
          bank_account_number?: string | null
          bank_iban?: string | null
          bank_name?: string | null
          bank_swift?: string | null
          capital?: string | null
          cinetpay_channels?: string[]
          city?: string
          company_name?: string
          country?: string
          email?: string | null
          id?: boolean
          invoice_footer?: string | null
          legal_form?: string | null
          legal_name?: string
          logo_path?: string | null
          manual_payment_instructions?: string | null
          ncc?: string | null
          online_payment_enabled?: boolean
          payment_terms_days?: number
          phone?: string | null
          quote_terms?: string | null
          quote_validity_days?: number
          rccm?: string | null
          sla_hours_high?: number
          sla_hours_low?: number
          sla_hours_normal?: number
          sla_hours_urgent?: number
          tax_regime?: string | null
          updated_at?: string
          updated_by?: string | null
          website?: string | null
        }
        Update: {
          accent_color?: string
          address?: string | null
          bank_account_holder?: string | null
          bank_account_number?: string | null
          bank_iban?: string | null
          bank_name?: string | null
          bank_swift?: string | null
          capital?: string | null
          cinetpay_channels?: string[]
          city?: string
          company_name?: string
          country?: string
          email?: string | null
          id?: boolean
          invoice_footer?: string | null
          legal_form?: string | null
          legal_name?: string
          logo_path?: string | null
          manual_payment_instructions?: string | null
          ncc?: string | null
          online_payment_enabled?: boolean
          payment_terms_days?: number
          phone?: string | null
          quote_terms?: string | null
          quote_validity_days?: number
          rccm?: string | null
          sla_hours_high?: number
          sla_hours_low?: number
          sla_hours_normal?: number
          sla_hours_urgent?: number
          tax_regime?: string | null
          updated_at?: string
          updated_by?: string | null
          website?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "settings_updated_by_fkey"
            columns: ["updated_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      task_attachments: {
        Row: {
          created_at: string
          created_by: string | null
          document_id: string
          id: string
          task_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          document_id: string
          id?: string
          task_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          document_id?: string
          id?: string
          task_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "task_attachments_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "task_attachments_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "task_attachments_task_id_fkey"
            columns: ["task_id"]
            isOneToOne: false
            referencedRelation: "tasks"
            referencedColumns: ["id"]
          },
        ]
      }
      task_checklist_items: {
        Row: {
          created_at: string
          done_at: string | null
          done_by: string | null
          id: string
          is_done: boolean
          label: string
          position: number
          task_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          done_at?: string | null
          done_by?: string | null
          id?: string
          is_done?: boolean
          label: string
          position?: number
          task_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          done_at?: string | null
          done_by?: string | null
          id?: string
          is_done?: boolean
          label?: string
          position?: number
          task_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "task_checklist_items_done_by_fkey"
            columns: ["done_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "task_checklist_items_task_id_fkey"
            columns: ["task_id"]
            isOneToOne: false
            referencedRelation: "tasks"
            referencedColumns: ["id"]
          },
        ]
      }
      task_comments: {
        Row: {
          author_id: string | null
          body: string
          created_at: string
          id: string
          task_id: string
          updated_at: string
          visibility: Database["public"]["Enums"]["visibility"]
        }
        Insert: {
          author_id?: string | null
          body: string
          created_at?: string
          id?: string
          task_id: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Update: {
          author_id?: string | null
          body?: string
          created_at?: string
          id?: string
          task_id?: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Relationships: [
          {
            foreignKeyName: "task_comments_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "task_comments_task_id_fkey"
            columns: ["task_id"]
            isOneToOne: false
            referencedRelation: "tasks"
            referencedColumns: ["id"]
          },
        ]
      }
      tasks: {
        Row: {
          assigned_to: string | null
          completed_at: string | null
          created_at: string
          created_by: string | null
          description: string | null
          due_date: string | null
          id: string
          milestone_id: string | null
          position: number
          priority: Database["public"]["Enums"]["priority"]
          project_id: string
          status: Database["public"]["Enums"]["task_status"]
          title: string
          updated_at: string
          visibility: Database["public"]["Enums"]["visibility"]
        }
        Insert: {
          assigned_to?: string | null
          completed_at?: string | null
          created_at?: string
          created_by?: string | null
          description?: string | null
          due_date?: string | null
          id?: string
          milestone_id?: string | null
          position?: number
          priority?: Database["public"]["Enums"]["priority"]
          project_id: string
          status?: Database["public"]["Enums"]["task_status"]
          title: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Update: {
          assigned_to?: string | null
          completed_at?: string | null
          created_at?: string
          created_by?: string | null
          description?: string | null
          due_date?: string | null
          id?: string
          milestone_id?: string | null
          position?: number
          priority?: Database["public"]["Enums"]["priority"]
          project_id?: string
          status?: Database["public"]["Enums"]["task_status"]
          title?: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["visibility"]
        }
        Relationships: [
          {
            foreignKeyName: "tasks_assigned_to_fkey"
            columns: ["assigned_to"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tasks_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tasks_milestone_id_project_id_fkey"
            columns: ["milestone_id", "project_id"]
            isOneToOne: false
            referencedRelation: "milestones"
            referencedColumns: ["id", "project_id"]
          },
          {
            foreignKeyName: "tasks_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      ticket_attachments: {
        Row: {
          created_at: string
          created_by: string | null
          document_id: string
          id: string
          message_id: string | null
          ticket_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          document_id: string
          id?: string
          message_id?: string | null
          ticket_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          document_id?: string
          id?: string
          message_id?: string | null
          ticket_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "ticket_attachments_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_attachments_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_attachments_message_id_fkey"
            columns: ["message_id"]
            isOneToOne: false
            referencedRelation: "ticket_messages"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_attachments_ticket_id_fkey"
            columns: ["ticket_id"]
            isOneToOne: false
            referencedRelation: "tickets"
            referencedColumns: ["id"]
          },
        ]
      }
      ticket_messages: {
        Row: {
          author_id: string | null
          body: string
          created_at: string
          id: string
          is_internal: boolean
          ticket_id: string
          updated_at: string
        }
        Insert: {
          author_id?: string | null
          body: string
          created_at?: string
          id?: string
          is_internal?: boolean
          ticket_id: string
          updated_at?: string
        }
        Update: {
          author_id?: string | null
          body?: string
          created_at?: string
          id?: string
          is_internal?: boolean
          ticket_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "ticket_messages_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_messages_ticket_id_fkey"
            columns: ["ticket_id"]
            isOneToOne: false
            referencedRelation: "tickets"
            referencedColumns: ["id"]
          },
        ]
      }
      tickets: {
        Row: {
          assigned_to: string | null
          category: Database["public"]["Enums"]["ticket_category"]
          client_id: string
          closed_at: string | null
          created_at: string
          created_by: string | null
          first_response_at: string | null
          id: string
          last_message_at: string | null
          number: number
          payment_attempt_id: string | null
          priority: Database["public"]["Enums"]["priority"]
          project_id: string | null
          rated_at: string | null
          rating: number | null
          rating_comment: string | null
          resolved_at: string | null
          sla_due_at: string | null
          status: Database["public"]["Enums"]["ticket_status"]
          subject: string
          updated_at: string
        }
        Insert: {
          assigned_to?: string | null
          category?: Database["public"]["Enums"]["ticket_category"]
          client_id: string
          closed_at?: string | null
          created_at?: string
          created_by?: string | null
          first_response_at?: string | null
          id?: string
          last_message_at?: string | null
          number?: never
          payment_attempt_id?: string | null
          priority?: Database["public"]["Enums"]["priority"]
          project_id?: string | null
          rated_at?: string | null
          rating?: number | null
          rating_comment?: string | null
          resolved_at?: string | null
          sla_due_at?: string | null
          status?: Database["public"]["Enums"]["ticket_status"]
          subject: string
          updated_at?: string
        }
        Update: {
          assigned_to?: string | null
          category?: Database["public"]["Enums"]["ticket_category"]
          client_id?: string
          closed_at?: string | null
          created_at?: string
          created_by?: string | null
          first_response_at?: string | null
          id?: string
          last_message_at?: string | null
          number?: never
          payment_attempt_id?: string | null
          priority?: Database["public"]["Enums"]["priority"]
          project_id?: string | null
          rated_at?: string | null
          rating?: number | null
          rating_comment?: string | null
          resolved_at?: string | null
          sla_due_at?: string | null
          status?: Database["public"]["Enums"]["ticket_status"]
          subject?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tickets_assigned_to_fkey"
            columns: ["assigned_to"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_payment_attempt_id_fkey"
            columns: ["payment_attempt_id"]
            isOneToOne: false
            referencedRelation: "payment_attempts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_project_id_client_id_fkey"
            columns: ["project_id", "client_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id", "client_id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      accept_quote: {
        Args: { p_quote_id: string; p_signer_name: string }
        Returns: {
          accepted_at: string | null
          accepted_by: string | null
          client_id: string
          created_at: string
          created_by: string | null
          currency: string
          decline_reason: string | null
          declined_at: string | null
          declined_by: string | null
          expired_at: string | null
          id: string
          issue_date: string | null
          notes: string | null
          number: string | null
          project_id: string | null
          sent_at: string | null
          signer_name: string | null
          status: Database["public"]["Enums"]["quote_status"]
          subtotal_ht: number
          terms: string | null
          title: string
          total_ttc: number
          updated_at: string
          valid_until: string | null
          vat_amount: number
          vat_rate: number
        }
        SetofOptions: {
          from: "*"
          to: "quotes"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      admin_kpis: { Args: never; Returns: Json }
      approve_milestone: {
        Args: { p_milestone_id: string; p_note?: string; p_signer_name: string }
        Returns: {
          approved_at: string
          approved_by: string | null
          id: string
          milestone_id: string
          note: string | null
          signer_name: string
          version_label: string | null
        }
        SetofOptions: {
          from: "*"
          to: "milestone_approvals"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cancel_invoice: {
        Args: { p_invoice_id: string; p_reason: string }
        Returns: {
          amount_paid: number
          balance_due: number
          cancel_reason: string | null
          canceled_at: string | null
          client_id: string
          created_at: string
          created_by: string | null
          currency: string
          due_date: string | null
          id: string
          issue_date: string | null
          last_reminder_at: string | null
          notes: string | null
          number: string | null
          paid_at: string | null
          project_id: string | null
          quote_id: string | null
          sent_at: string | null
          status: Database["public"]["Enums"]["invoice_status"]
          subtotal_ht: number
          title: string
          total_ttc: number
          updated_at: string
          vat_amount: number
          vat_rate: number
        }
        SetofOptions: {
          from: "*"
          to: "invoices"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      claim_invoice_reminders: {
        Args: { p_limit?: number; p_today?: string }
        Returns: (Record<string, unknown>)[]
      }
      client_dashboard: { Args: { p_project_id?: string }; Returns: Json }
      close_ticket: {
        Args: { p_comment?: string; p_rating?: number; p_ticket_id: string }
        Returns: {
          assigned_to: string | null
          category: Database["public"]["Enums"]["ticket_category"]
          client_id: string
          closed_at: string | null
          created_at: string
          created_by: string | null
          first_response_at: string | null
          id: string
          last_message_at: string | null
          number: number
          payment_attempt_id: string | null
          priority: Database["public"]["Enums"]["priority"]
          project_id: string | null
          rated_at: string | null
          rating: number | null
          rating_comment: string | null
          resolved_at: string | null
          sla_due_at: string | null
          status: Database["public"]["Enums"]["ticket_status"]
          subject: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      convert_prospect: {
        Args: { p_project_title?: string; p_prospect_id: string }
        Returns: Json
      }
      create_document_draft: {
        Args: { p_header: Json; p_items: Json; p_kind: string }
        Returns: Json
      }
      create_invoice_from_quote: {
        Args: { p_quote_id: string }
        Returns: {
          amount_paid: number
          balance_due: number
          cancel_reason: string | null
          canceled_at: string | null
          client_id: string
          created_at: string
          created_by: string | null
          currency: string
          due_date: string | null
          id: string
          issue_date: string | null
          last_reminder_at: string | null
          notes: string | null
          number: string | null
          paid_at: string | null
          project_id: string | null
          quote_id: string | null
          sent_at: string | null
          status: Database["public"]["Enums"]["invoice_status"]
          subtotal_ht: number
          title: string
          total_ttc: number
          updated_at: string
          vat_amount: number
          vat_rate: number
        }
        SetofOptions: {
          from: "*"
          to: "invoices"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      decline_quote: {
        Args: { p_quote_id: string; p_reason: string }
        Returns: {
          accepted_at: string | null
          accepted_by: string | null
          client_id: string
          created_at: string
          created_by: string | null
          currency: string
          decline_reason: string | null
          declined_at: string | null
          declined_by: string | null
          expired_at: string | null
          id: string
          issue_date: string | null
          notes: string | null
          number: string | null
          project_id: string | null
          sent_at: string | null
          signer_name: string | null
          status: Database["public"]["Enums"]["quote_status"]
          subtotal_ht: number
          terms: string | null
          title: string
          total_ttc: number
          updated_at: string
          valid_until: string | null
          vat_amount: number
          vat_rate: number
        }
        SetofOptions: {
          from: "*"
          to: "quotes"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      duplicate_invoice: {
        Args: { p_invoice_id: string }
        Returns: {
          amount_paid: number
          balance_due: number
          cancel_reason: string | null
          canceled_at: string | null
          client_id: string
          created_at: string
          created_by: string | null
          currency: string
          due_date: string | null
          id: string
          issue_date: string | null
          last_reminder_at: string | null
          notes: string | null
          number: string | null
          paid_at: string | null
          project_id: string | null
          quote_id: string | null
          sent_at: string | null
          status: Database["public"]["Enums"]["invoice_status"]
          subtotal_ht: number
          title: string
          total_ttc: number
          updated_at: string
          vat_amount: number
          vat_rate: number
        }
        SetofOptions: {
          from: "*"
          to: "invoices"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_quotes: { Args: never; Returns: number }
      export_my_data: { Args: never; Returns: Json }
      mark_overdue_invoices: { Args: never; Returns: number }
      move_task: {
        Args: {
          p_index: number
          p_status: Database["public"]["Enums"]["task_status"]
          p_task_id: string
        }
        Returns: {
          assigned_to: string | null
          completed_at: string | null
          created_at: string
          created_by: string | null
          description: string | null
          due_date: string | null
          id: string
          milestone_id: string | null
          position: number
          priority: Database["public"]["Enums"]["priority"]
          project_id: string
          status: Database["public"]["Enums"]["task_status"]
          title: string
          updated_at: string
          visibility: Database["public"]["Enums"]["visibility"]
        }
        SetofOptions: {
          from: "*"
          to: "tasks"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      process_account_deletion_request: {
        Args: { p_note?: string; p_request_id: string }
        Returns: Json
      }
      record_manual_payment: {
        Args: {
          p_amount: number
          p_invoice_id: string
          p_method: Database["public"]["Enums"]["payment_method"]
          p_notes?: string
          p_paid_at?: string
          p_proof_document_id?: string
          p_reference?: string
        }
        Returns: {
          amount: number
          client_id: string
          created_at: string
          currency: string
          id: string
          invoice_id: string
          method: Database["public"]["Enums"]["payment_method"]
          notes: string | null
          operator_id: string | null
          paid_at: string
          payment_attempt_id: string | null
          payment_method_detail: string | null
          proof_document_id: string | null
          recorded_by: string | null
          reference: string | null
          transaction_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "payments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_online_payment: {
        Args: {
          p_amount: number
          p_currency: string
          p_operator_id?: string
          p_paid_at?: string
          p_payment_method?: string
          p_transaction_id: string
        }
        Returns: Json
      }
      reorder_milestones: {
        Args: { p_ids: string[]; p_project_id: string }
        Returns: number
      }
      replace_document_items: {
        Args: { p_header?: Json; p_id: string; p_items: Json; p_kind: string }
        Returns: Json
      }
    }
    Enums: {
      client_member_role: "owner" | "member"
      contact_method: "email" | "phone" | "whatsapp"
      deletion_request_status: "pending" | "processed" | "rejected"
      invoice_status: "draft" | "sent" | "paid" | "overdue" | "canceled"
      milestone_status: "planned" | "in_progress" | "delivered" | "approved"
      notification_event:
        | "invoice_sent"
        | "invoice_reminder"
        | "payment_received"
        | "quote_sent"
        | "ticket_reply"
        | "milestone_delivered"
        | "document_added"
        | "task_comment"
      payment_attempt_status:
        | "pending"
        | "waiting"
        | "accepted"
        | "refused"
        | "cancelled"
        | "expired"
        | "failed"
        | "flagged"
      payment_check_decision:
        | "accepted"
        | "refused"
        | "cancelled"
        | "waiting"
        | "flagged"
        | "expired"
        | "error"
        | "ignored"
      payment_check_source:
        | "notification"
        | "queue"
        | "return"
        | "manual"
        | "ticket"
      payment_method: "online" | "transfer" | "cash"
      priority: "low" | "normal" | "high" | "urgent"
      progress_mode: "manual" | "tasks" | "milestones"
      project_status: "draft" | "active" | "on_hold" | "completed" | "cancelled"
      prospect_stage:
        | "nouveau"
        | "contacte"
        | "qualifie"
        | "proposition"
        | "gagne"
        | "perdu"
      quote_status: "draft" | "sent" | "accepted" | "declined" | "expired"
      task_status: "todo" | "in_progress" | "review" | "done"
      ticket_category:
        | "question"
        | "bug"
        | "change_request"
        | "payment"
        | "billing"
        | "other"
      ticket_status:
        | "open"
        | "in_progress"
        | "waiting_client"
        | "resolved"
        | "closed"
      user_role: "admin" | "client"
      visibility: "internal" | "client"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      client_member_role: ["owner", "member"],
      contact_method: ["email", "phone", "whatsapp"],
      deletion_request_status: ["pending", "processed", "rejected"],
      invoice_status: ["draft", "sent", "paid", "overdue", "canceled"],
      milestone_status: ["planned", "in_progress", "delivered", "approved"],
      notification_event: [
        "invoice_sent",
        "invoice_reminder",
        "payment_received",
        "quote_sent",
        "ticket_reply",
        "milestone_delivered",
        "document_added",
        "task_comment",
      ],
      payment_attempt_status: [
        "pending",
        "waiting",
        "accepted",
        "refused",
        "cancelled",
        "expired",
        "failed",
        "flagged",
      ],
      payment_check_decision: [
        "accepted",
        "refused",
        "cancelled",
        "waiting",
        "flagged",
        "expired",
        "error",
        "ignored",
      ],
      payment_check_source: [
        "notification",
        "queue",
        "return",
        "manual",
        "ticket",
      ],
      payment_method: ["online", "transfer", "cash"],
      priority: ["low", "normal", "high", "urgent"],
      progress_mode: ["manual", "tasks", "milestones"],
      project_status: ["draft", "active", "on_hold", "completed", "cancelled"],
      prospect_stage: [
        "nouveau",
        "contacte",
        "qualifie",
        "proposition",
        "gagne",
        "perdu",
      ],
      quote_status: ["draft", "sent", "accepted", "declined", "expired"],
      task_status: ["todo", "in_progress", "review", "done"],
      ticket_category: [
        "question",
        "bug",
        "change_request",
        "payment",
        "billing",
        "other",
      ],
      ticket_status: [
        "open",
        "in_progress",
        "waiting_client",
        "resolved",
        "closed",
      ],
      user_role: ["admin", "client"],
      visibility: ["internal", "client"],
    },
  },
} as const
